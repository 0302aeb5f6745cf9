'use client';
// The overdue page's buttons: a reminder for one invoice, a räntefaktura for one client.
import { useI18n } from '@/components/i18n/provider';
import { ActionForm, Submit } from '@/components/ui/form';
import { createInterestInvoiceAction, sendReminderAction } from '@/lib/collections/actions';

export function RemindForm({ invoiceId }: { invoiceId: string }) {
  const { t } = useI18n();
  return (
    <ActionForm action={sendReminderAction} label={t('collections.overdue.remind')}>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <Submit size="sm" variant="secondary" label={t('collections.overdue.remind')} />
    </ActionForm>
  );
}

export function InterestInvoiceForm({ clientId }: { clientId: string }) {
  const { t } = useI18n();
  return (
    <ActionForm action={createInterestInvoiceAction} label={t('collections.overdue.interest')}>
      <input type="hidden" name="clientId" value={clientId} />
      <Submit size="sm" variant="secondary" label={t('collections.overdue.interest')} />
    </ActionForm>
  );
}
