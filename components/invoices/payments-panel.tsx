'use client';
// The payments of a sent invoice: what was paid, credited and is left (or overpaid), each payment
// with its reversal, and for the owner: record a payment, reverse a wrong one with a reason, or
// pay what is left in one click. The accountant sees the same list read-only.
import { useI18n } from '@/components/i18n/provider';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import { markPaid, recordPayment, reversePayment } from '@/lib/invoices/actions';
import { PAYMENT_METHODS } from '@/lib/invoices/payments';
import type { InvoiceDetail } from '@/lib/invoices/queries';
import { ActionForm, Submit } from '@/components/ui/form';
import { FormField, SelectField } from './fields';

type Invoice = Pick<InvoiceDetail, 'id' | 'status' | 'totalOre' | 'paidOre' | 'creditedOre' | 'outstandingOre' | 'payments'>;

/** Öre as the kronor text the amount field parses back ("1 250,50" style without grouping). */
const kronorInput = (ore: number) => (ore / 100).toFixed(2).replace('.', ',');

export function PaymentsPanel({ invoice, owner, today }: { invoice: Invoice; owner: boolean; today: string }) {
  const { t, locale } = useI18n();
  const outstanding = invoice.outstandingOre ?? 0;
  const payable = owner && (invoice.status === 'sent' || invoice.status === 'partly_paid' || invoice.status === 'paid');
  return (
    <div className="space-y-4" data-testid="payments-panel">
      <dl className="grid grid-cols-2 gap-2 text-sm">
        <dt className="text-muted">{t('invoices.invoice.paidSoFar')}</dt>
        <dd className="text-right tabular-nums" data-testid="paid-amount">
          {formatMoney(invoice.paidOre, locale)}
        </dd>
        {invoice.creditedOre > 0 ? (
          <>
            <dt className="text-muted">{t('invoices.invoice.creditedSoFar')}</dt>
            <dd className="text-right tabular-nums">{formatMoney(invoice.creditedOre, locale)}</dd>
          </>
        ) : null}
        <dt className="font-medium">{outstanding < 0 ? t('invoices.invoice.overpaid') : t('invoices.invoice.outstanding')}</dt>
        <dd className="text-right font-medium tabular-nums" data-testid="outstanding">
          {formatMoney(Math.abs(outstanding), locale)}
        </dd>
      </dl>

      {invoice.payments.length === 0 ? (
        <p className="text-sm text-muted">{t('invoices.invoice.paymentsEmpty')}</p>
      ) : (
        <ul className="divide-y divide-border text-sm" data-testid="payments">
          {invoice.payments.map((p) => (
            <li key={p.id} className="space-y-1 py-2">
              <div className="flex justify-between gap-3">
                <span className={p.reversed ? 'text-muted line-through' : undefined}>
                  {formatDate(p.paidOn, locale)} ·{' '}
                  {p.reversesPaymentId ? t('invoices.invoice.reversal') : t(`invoices.invoice.method.${p.method}`)}
                  {p.reference ? ` · ${p.reference}` : ''}
                </span>
                <span className="tabular-nums">{formatMoney(p.amountOre, locale)}</span>
              </div>
              {p.reason ? <p className="text-xs text-muted">{p.reason}</p> : null}
              {p.reversed ? <p className="text-xs text-muted">{t('invoices.invoice.reversed')}</p> : null}
              {owner && !p.reversed && !p.reversesPaymentId ? (
                <details>
                  <summary className="cursor-pointer text-xs text-accent">{t('invoices.invoice.reverse')}</summary>
                  <ActionForm action={reversePayment} className="mt-2 space-y-2" label={t('invoices.invoice.reverse')}>
                    <input type="hidden" name="invoiceId" value={invoice.id} />
                    <input type="hidden" name="paymentId" value={p.id} />
                    <FormField name="reason" label={t('invoices.invoice.reverseReason')} maxLength={500} />
                    <Submit variant="secondary" size="sm" label={t('invoices.invoice.reverseSubmit')} />
                  </ActionForm>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {payable ? (
        <ActionForm action={recordPayment} className="space-y-3 border-t border-border pt-4" label={t('invoices.invoice.recordPayment')}>
          <p className="text-sm font-medium">{t('invoices.invoice.recordPayment')}</p>
          <input type="hidden" name="invoiceId" value={invoice.id} />
          <FormField
            name="amount"
            inputMode="decimal"
            label={t('invoices.invoice.paymentAmount')}
            defaultValue={outstanding > 0 ? kronorInput(outstanding) : ''}
          />
          <FormField type="date" name="paidOn" max={today} label={t('invoices.invoice.paidDate')} defaultValue={today} />
          <SelectField name="method" label={t('invoices.invoice.paymentMethod')} defaultValue="bankgiro">
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`invoices.invoice.method.${m}`)}
              </option>
            ))}
          </SelectField>
          <FormField name="reference" label={t('invoices.invoice.paymentReference')} maxLength={140} />
          <Submit variant="secondary" label={t('invoices.invoice.recordPaymentSubmit')} />
        </ActionForm>
      ) : null}

      {payable && outstanding > 0 ? (
        <ActionForm action={markPaid} className="space-y-2" label={t('invoices.invoice.markPaid')}>
          <input type="hidden" name="invoiceId" value={invoice.id} />
          <p className="text-xs text-muted">{t('invoices.invoice.markPaidHint', { amount: formatMoney(outstanding, locale) })}</p>
          <Submit label={t('invoices.invoice.markPaidSubmit')} />
        </ActionForm>
      ) : null}
    </div>
  );
}
