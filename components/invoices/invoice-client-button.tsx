'use client';
// One step from a client to a draft invoice with all its unbilled hours (the map's client panel,
// the invoice list filtered on a client, the new-invoice page).
import { ActionForm, Submit } from '@/components/ui/form';
import type { ButtonProps } from '@/components/ui/button';
import { useI18n } from '@/components/i18n/provider';
import { invoiceClient } from '@/lib/invoices/actions';

export function InvoiceClientButton({
  clientId,
  clientName,
  variant = 'primary',
  size = 'md',
}: {
  clientId: string;
  clientName?: string;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
}) {
  const { t } = useI18n();
  return (
    <ActionForm action={invoiceClient}>
      <input type="hidden" name="clientId" value={clientId} />
      <Submit
        variant={variant}
        size={size}
        label={t('invoices.builder.invoiceClient')}
        pendingLabel={t('invoices.builder.creating')}
        aria-label={clientName ? t('invoices.builder.invoiceClientNamed', { client: clientName }) : undefined}
        data-testid="invoice-client"
      />
    </ActionForm>
  );
}
