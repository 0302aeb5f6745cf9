'use client';
// The bank import's forms: upload a file, place one payment on an invoice by hand, book what is placed.
import { useI18n } from '@/components/i18n/provider';
import { ActionForm, Submit } from '@/components/ui/form';
import { formatMoney } from '@/lib/i18n/format';
import { bookBankImportAction, importBankFileAction, placeBankPaymentAction } from '@/lib/payments/actions';
import type { PlaceableInvoice } from '@/lib/payments/review';

export function UploadBankFileForm() {
  const { t } = useI18n();
  return (
    <ActionForm action={importBankFileAction} className="space-y-3" label={t('collections.import.upload')}>
      <label className="block space-y-1 text-sm">
        <span className="font-medium">{t('collections.import.file')}</span>
        <input type="file" name="file" accept=".txt,.xml,.dat,text/plain,application/xml,text/xml" required data-testid="bank-file" />
      </label>
      <Submit label={t('collections.import.upload')} />
    </ActionForm>
  );
}

export function PlacePaymentForm({
  importId,
  paymentId,
  invoices,
  current,
}: {
  importId: string;
  paymentId: string;
  invoices: PlaceableInvoice[];
  current: string | null;
}) {
  const { t, locale } = useI18n();
  return (
    <ActionForm action={placeBankPaymentAction} className="flex items-center gap-2" label={t('collections.import.place')}>
      <input type="hidden" name="importId" value={importId} />
      <input type="hidden" name="paymentId" value={paymentId} />
      <select
        name="invoiceId"
        defaultValue={current ?? ''}
        aria-label={t('collections.import.placeOn')}
        className="rounded border px-1 py-0.5 text-sm"
      >
        <option value="">{t('collections.import.unmatched')}</option>
        {invoices.map((i) => (
          <option key={i.id} value={i.id}>
            {i.number} · {i.client} · {formatMoney(i.outstandingOre, locale)}
          </option>
        ))}
      </select>
      <Submit size="sm" variant="secondary" label={t('collections.import.place')} />
    </ActionForm>
  );
}

export function BookImportForm({ importId }: { importId: string }) {
  const { t } = useI18n();
  return (
    <ActionForm action={bookBankImportAction} label={t('collections.import.book')}>
      <input type="hidden" name="importId" value={importId} />
      <Submit label={t('collections.import.book')} data-testid="book-import" />
    </ActionForm>
  );
}
