'use client';
// What can still happen to a sent invoice besides payments (payments-panel.tsx): credited (whole or
// chosen lines), its hours released after a full credit, emailed as its archived PDF.
import { useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { formatMoney } from '@/lib/i18n/format';
import { createCreditNote, emailInvoice, releaseCreditedHours } from '@/lib/invoices/actions';
import type { InvoiceLine } from '@/lib/invoices/queries';
import { ActionForm, Submit } from '@/components/ui/form';
import { FormField } from './fields';

/** After a full credit: take the hours off the credited invoice so they can be billed again. */
export function ReleaseHoursForm({ invoiceId }: { invoiceId: string }) {
  const { t } = useI18n();
  return (
    <ActionForm action={releaseCreditedHours} className="space-y-3" label={t('invoices.invoice.releaseHours')}>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <p className="text-sm text-muted">{t('invoices.invoice.releaseHoursHint')}</p>
      <Submit variant="secondary" label={t('invoices.invoice.releaseHoursSubmit')} />
    </ActionForm>
  );
}

export function CreditForm({ invoiceId, lines }: { invoiceId: string; lines: InvoiceLine[] }) {
  const { t, locale } = useI18n();
  const open = lines.filter((l) => !l.credited);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(open.map((l) => l.id)));
  return (
    <ActionForm action={createCreditNote} className="space-y-3" label={t('invoices.invoice.credit')}>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <input type="hidden" name="lineIds" value={[...chosen].join(',')} />
      <p className="text-sm text-muted">{t('invoices.invoice.creditHint')}</p>
      <ul className="space-y-1">
        {open.map((l) => (
          <li key={l.id}>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="h-4 w-4 accent-[var(--accent)]"
                checked={chosen.has(l.id)}
                onChange={(e) =>
                  setChosen((prev) => {
                    const next = new Set(prev);
                    if (e.target.checked) next.add(l.id);
                    else next.delete(l.id);
                    return next;
                  })
                }
              />
              <span className="min-w-0 flex-1 truncate">{l.description}</span>
              <span className="tabular-nums text-muted">{formatMoney(l.amountOre, locale)}</span>
            </label>
          </li>
        ))}
      </ul>
      <Submit variant="secondary" label={t('invoices.invoice.creditSubmit')} disabled={chosen.size === 0} />
    </ActionForm>
  );
}

export function EmailForm({ invoiceId, defaultTo }: { invoiceId: string; defaultTo: string }) {
  const { t } = useI18n();
  return (
    <ActionForm action={emailInvoice} className="space-y-3" label={t('invoices.invoice.email')}>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <FormField type="email" name="to" label={t('invoices.invoice.emailTo')} defaultValue={defaultTo} />
      <Submit variant="secondary" label={t('invoices.invoice.emailSubmit')} />
    </ActionForm>
  );
}
