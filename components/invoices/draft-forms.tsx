'use client';
// The draft editor's forms: details (VAT treatment, references, rounding), a free line and a
// discount with live totals, a 0 % line's exemption reason, removing a line, deleting (sending:
// send-form.tsx). Nothing here can change a sent invoice: those pages do not render these forms,
// and the database refuses it anyway.
import { useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Label } from '@/components/ui/label';
import { formatMoney } from '@/lib/i18n/format';
import { addDiscount, addLine, deleteDraft, removeLine, saveDraftDetails, setLineExemption } from '@/lib/invoices/actions';
import type { InvoiceDetail, InvoiceLine } from '@/lib/invoices/queries';
import { lineAmountOre, VAT_RATES, type LineInput } from '@/lib/invoices/totals';
import { VAT_EXEMPTION_REASONS, VAT_TREATMENTS, type VatExemptionReason } from '@/lib/invoices/vat-treatment';
import { parseMoneyToOre } from '@/lib/validation/quantities';
import { ActionForm, Submit, useFieldState } from '@/components/ui/form';
import { CheckboxField, FormField, SelectField } from './fields';
import { TotalsSummary } from './totals-summary';

export function DraftDetailsForm({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useI18n();
  return (
    <ActionForm action={saveDraftDetails} className="space-y-4" label={t('invoices.draft.details')}>
      <input type="hidden" name="invoiceId" value={invoice.id} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          type="date"
          name="issueDate"
          label={t('invoices.draft.issueDate')}
          hint={t('invoices.draft.issueDateHint')}
          defaultValue={invoice.issueDate ?? ''}
        />
        {/* A credit note asks for no payment: no due date to plan. */}
        {invoice.kind === 'invoice' ? (
          <FormField
            type="date"
            name="dueDate"
            label={t('invoices.draft.dueDate')}
            hint={t('invoices.draft.dueDateHint', { days: invoice.paymentTermsDays })}
            defaultValue={invoice.dueDate ?? ''}
          />
        ) : null}
        <FormField
          type="date"
          name="supplyDate"
          label={t('invoices.draft.supplyDate')}
          hint={t('invoices.draft.supplyDateHint')}
          defaultValue={invoice.supplyDate ?? ''}
        />
        <div className="grid grid-cols-2 gap-3">
          <FormField type="date" name="periodStart" label={t('invoices.draft.periodStart')} defaultValue={invoice.periodStart ?? ''} />
          <FormField type="date" name="periodEnd" label={t('invoices.draft.periodEnd')} defaultValue={invoice.periodEnd ?? ''} />
        </div>
      </div>
      <SelectField name="vatTreatment" label={t('invoices.vat.treatment')} defaultValue={invoice.vatTreatment}>
        {VAT_TREATMENTS.map((v) => (
          <option key={v} value={v}>
            {t(`invoices.vat.treatments.${v}`)}
          </option>
        ))}
      </SelectField>
      <p className="-mt-2 text-sm text-muted">{t('invoices.vat.treatmentHint')}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          name="buyerReference"
          label={t('invoices.vat.buyerReference')}
          maxLength={100}
          defaultValue={invoice.buyerReference ?? ''}
        />
        <FormField
          name="sellerReference"
          label={t('invoices.vat.sellerReference')}
          maxLength={100}
          defaultValue={invoice.sellerReference ?? ''}
        />
      </div>
      <CheckboxField name="roundToKrona" label={t('invoices.vat.roundToKrona')} defaultChecked={invoice.roundToKrona} />
      <MessageField defaultValue={invoice.message ?? ''} />
      <Submit variant="secondary" label={t('invoices.draft.save')} />
    </ActionForm>
  );
}

function MessageField({ defaultValue }: { defaultValue: string }) {
  const { t } = useI18n();
  const { error, value } = useFieldState('message');
  return (
    <div className="space-y-1.5">
      <Label htmlFor="invoice-message">{t('invoices.draft.message')}</Label>
      <textarea
        id="invoice-message"
        name="message"
        rows={3}
        maxLength={2000}
        defaultValue={value ?? defaultValue}
        aria-invalid={error ? true : undefined}
        className="block w-full rounded-lg border border-border bg-surface px-3 py-2 text-[15px] focus:border-ring focus:outline-none focus:ring-2 focus:ring-ring/25"
      />
      {error ? <p className="text-sm text-danger">{error}</p> : null}
    </div>
  );
}

const linesOf = (invoice: InvoiceDetail): LineInput[] =>
  invoice.lines.map((l) => ({ quantity: l.quantity, unitPriceOre: l.unitPriceOre, vatRate: l.vatRate }));

/**
 * The VAT rate select and, for a 0 % line on a domestic invoice, its exemption reason. The select
 * is uncontrolled with the kept value as its default: the form resets to defaults after each
 * submit, so a refused line comes back with the rate that was chosen.
 */
export function VatFields({
  invoice,
  vat,
  setVat,
  label,
}: {
  invoice: InvoiceDetail;
  vat: string;
  setVat: (v: string) => void;
  label: string;
}) {
  const kept = useFieldState('vatRate').value;
  return (
    <>
      <SelectField name="vatRate" label={label} defaultValue={kept ?? vat} onChange={(e) => setVat(e.target.value)}>
        {VAT_RATES.map((r) => (
          <option key={r} value={r}>{`${r} %`}</option>
        ))}
      </SelectField>
      {invoice.vatTreatment === 'domestic' && vat === '0' ? <ExemptionSelect className="col-span-2" /> : null}
    </>
  );
}

export function ExemptionSelect({ defaultValue, className }: { defaultValue?: VatExemptionReason | null; className?: string }) {
  const { t } = useI18n();
  const kept = useFieldState('vatExemptionReason').value;
  return (
    <SelectField
      name="vatExemptionReason"
      label={t('invoices.vat.exemption')}
      defaultValue={kept ?? defaultValue ?? ''}
      className={className}
    >
      <option value="">{t('invoices.vat.exemptionNone')}</option>
      {VAT_EXEMPTION_REASONS.map((r) => (
        <option key={r} value={r}>
          {t(`invoices.vat.reasons.${r}`)}
        </option>
      ))}
    </SelectField>
  );
}

/** A free line; the totals below update as it is typed, with the rule the database uses. */
export function AddLineForm({ invoice }: { invoice: InvoiceDetail }) {
  const { t, locale } = useI18n();
  const [quantity, setQuantity] = useState('1');
  const [price, setPrice] = useState('');
  const [vat, setVat] = useState(invoice.vatTreatment === 'domestic' ? '25' : '0');
  const existing = linesOf(invoice);
  const q = quantity.trim().replace(',', '.');
  const ore = parseMoneyToOre(price);
  const pending =
    /^-?\d{1,10}(\.\d{1,2})?$/.test(q) && ore !== null && ore >= 0 ? { quantity: q, unitPriceOre: ore, vatRate: Number(vat) } : null;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
      <ActionForm action={addLine} className="space-y-4" label={t('invoices.draft.addLine')}>
        <input type="hidden" name="invoiceId" value={invoice.id} />
        <FormField name="description" label={t('invoices.draft.description')} required />
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <FormField
            name="quantity"
            label={t('invoices.draft.quantity')}
            inputMode="decimal"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
          <FormField name="unit" label={t('invoices.draft.unit')} defaultValue="st" />
          <FormField
            name="unitPrice"
            label={t('invoices.draft.unitPrice')}
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
          />
          <VatFields invoice={invoice} vat={vat} setVat={setVat} label={t('invoices.draft.vatRate')} />
        </div>
        <p className="text-sm text-muted" aria-live="polite">
          {t('invoices.draft.amount')}: {pending ? formatMoney(lineAmountOre(pending.quantity, pending.unitPriceOre), locale) : '–'}
        </p>
        <Submit variant="secondary" label={t('invoices.draft.addLineSubmit')} />
      </ActionForm>
      <TotalsSummary
        lines={pending ? [...existing, pending] : existing}
        roundToKrona={invoice.roundToKrona}
        label={pending ? t('invoices.draft.liveNew') : undefined}
      />
    </div>
  );
}

/** A discount as an amount or a percentage of the item lines at its VAT rate. */
export function AddDiscountForm({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useI18n();
  const [vat, setVat] = useState(invoice.vatTreatment === 'domestic' ? '25' : '0');
  return (
    <ActionForm action={addDiscount} className="space-y-4" label={t('invoices.vat.discount')}>
      <input type="hidden" name="invoiceId" value={invoice.id} />
      <p className="text-sm text-muted">{t('invoices.vat.discountHint')}</p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <FormField name="description" label={t('invoices.vat.discountText')} placeholder={t('invoices.vat.discountDescription')} />
        <FormField name="amount" label={t('invoices.vat.discountAmount')} inputMode="decimal" />
        <FormField name="percent" label={t('invoices.vat.discountPercent')} inputMode="numeric" />
        <VatFields invoice={invoice} vat={vat} setVat={setVat} label={t('invoices.vat.discountVatRate')} />
      </div>
      <Submit variant="secondary" label={t('invoices.vat.discountSubmit')} />
    </ActionForm>
  );
}

/** The exemption reason of a 0 % line on a domestic draft, chosen at the line. */
export function LineExemptionForm({ invoiceId, line }: { invoiceId: string; line: InvoiceLine }) {
  const { t } = useI18n();
  return (
    <ActionForm action={setLineExemption} className="flex flex-wrap items-end gap-2" label={t('invoices.vat.exemption')}>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <input type="hidden" name="lineId" value={line.id} />
      <ExemptionSelect defaultValue={line.exemptionReason} />
      <Submit variant="ghost" size="sm" label={t('invoices.vat.exemptionSave')} />
    </ActionForm>
  );
}

export function RemoveLineButton({ invoiceId, lineId, description }: { invoiceId: string; lineId: string; description: string }) {
  const { t } = useI18n();
  return (
    <ActionForm action={removeLine}>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <input type="hidden" name="lineId" value={lineId} />
      <Submit
        variant="ghost"
        size="sm"
        label="✕"
        aria-label={t('invoices.draft.removeLine', { description })}
        title={t('invoices.draft.removeLine', { description })}
      />
    </ActionForm>
  );
}

export function DeleteDraftForm({ invoiceId }: { invoiceId: string }) {
  const { t } = useI18n();
  return (
    <ActionForm action={deleteDraft}>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <Submit variant="ghost" className="text-danger" label={t('invoices.draft.deleteDraft')} />
    </ActionForm>
  );
}
