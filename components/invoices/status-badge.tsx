// An invoice's status as a small coloured label; an invoice with something left to pay past its due
// date shows as overdue (never a credit note: the overdue flag comes from lib/invoices/queries.ts).
import { cn } from '@/components/ui/cn';
import type { Translate } from '@/lib/i18n/catalogue';
import type { InvoiceStatus } from '@/lib/invoices/queries';

const tone: Record<InvoiceStatus | 'overdue', string> = {
  draft: 'bg-subtle text-muted',
  sent: 'bg-accent-soft text-accent',
  partly_paid: 'bg-success-soft text-accent',
  paid: 'bg-success-soft text-success',
  credited: 'bg-subtle text-fg',
  overdue: 'bg-danger-soft text-danger',
};

export function StatusBadge({ status, overdue, t }: { status: InvoiceStatus; overdue: boolean; t: Translate }) {
  const shown = overdue ? 'overdue' : status;
  return (
    <span className={cn('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium', tone[shown])} data-testid="invoice-status">
      {t(`invoices.status.${shown}`)}
    </span>
  );
}
