'use client';
// A draft's lines, each editable in place: "Ändra" turns the line into its form (text, quantity,
// unit, price, VAT and a 0 % line's exemption) and saving puts it back with the new amount; the
// totals follow in the database. A line of hours keeps the quantity and price of its hours (the
// database refuses typing over them), so only its text and VAT are edited here.
import { useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Button } from '@/components/ui/button';
import { ActionForm, Submit } from '@/components/ui/form';
import type { ActionState } from '@/lib/actions/state';
import { formatMoney } from '@/lib/i18n/format';
import { updateDraftLine } from '@/lib/invoices/actions';
import type { InvoiceDetail, InvoiceLine } from '@/lib/invoices/queries';
import { lineAmountOre } from '@/lib/invoices/totals';
import { oreDecimal, parseMoneyToOre } from '@/lib/validation/quantities';
import { LineExemptionForm, RemoveLineButton, VatFields } from './draft-forms';
import { FormField } from './fields';

function LineEditor({ invoice, line, done }: { invoice: InvoiceDetail; line: InvoiceLine; done: () => void }) {
  const { t, locale } = useI18n();
  const [quantity, setQuantity] = useState(line.quantity);
  const [price, setPrice] = useState(oreDecimal(line.unitPriceOre));
  const [vat, setVat] = useState(String(line.vatRate));
  const hours = line.hoursEntries > 0;
  const discount = line.kind === 'discount';
  const ore = parseMoneyToOre(price);
  const q = quantity.trim().replace(',', '.');
  const amount = /^-?\d{1,10}(\.\d{1,2})?$/.test(q) && ore !== null && ore >= 0 ? lineAmountOre(q, ore) : null;
  const save = async (state: ActionState, form: FormData) => {
    const result = await updateDraftLine(state, form);
    if (result.ok) done();
    return result;
  };
  return (
    <ActionForm action={save} className="space-y-3" label={t('invoices.draft.editLineLabel', { description: line.description })}>
      <input type="hidden" name="invoiceId" value={invoice.id} />
      <input type="hidden" name="lineId" value={line.id} />
      <FormField name="description" label={t('invoices.draft.description')} defaultValue={line.description} maxLength={500} autoFocus />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {hours || discount ? null : (
          <>
            <FormField
              name="quantity"
              label={t('invoices.draft.quantity')}
              inputMode="decimal"
              value={quantity}
              onChange={(e) => setQuantity(e.target.value)}
            />
            <FormField name="unit" label={t('invoices.draft.unit')} defaultValue={line.unit} maxLength={20} />
          </>
        )}
        {hours ? null : (
          <FormField
            name="unitPrice"
            label={t('invoices.draft.unitPrice')}
            inputMode="decimal"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
          />
        )}
        {invoice.vatTreatment === 'domestic' ? (
          <VatFields invoice={invoice} vat={vat} setVat={setVat} label={t('invoices.draft.vatRate')} />
        ) : (
          <input type="hidden" name="vatRate" value="0" />
        )}
      </div>
      {hours ? <p className="text-sm text-muted">{t('invoices.draft.followsHours', { count: line.hoursEntries })}</p> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted" aria-live="polite">
          {t('invoices.draft.amount')}: {amount === null ? '–' : formatMoney(amount, locale)}
        </p>
        <div className="flex gap-2">
          <Button variant="ghost" size="sm" onClick={done}>
            {t('invoices.draft.cancelEdit')}
          </Button>
          <Submit size="sm" label={t('invoices.draft.saveLine')} />
        </div>
      </div>
    </ActionForm>
  );
}

function LineView({ invoice, line, edit }: { invoice: InvoiceDetail; line: InvoiceLine; edit: () => void }) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-SE');
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-1 sm:grid-cols-[minmax(0,1fr)_6rem_8rem_4rem_8rem_auto] sm:items-start">
      <div className="min-w-0 break-words">
        {line.kind === 'discount' ? (
          <span className="mr-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs">{t('invoices.vat.lineKind.discount')}</span>
        ) : null}
        <span data-testid="line-description">{line.description}</span>
        {invoice.vatTreatment === 'domestic' && line.vatRate === 0 ? <LineExemptionForm invoiceId={invoice.id} line={line} /> : null}
      </div>
      <div className="col-start-1 flex flex-wrap gap-x-3 text-sm text-muted tabular-nums sm:contents sm:text-fg">
        <span className="sm:text-right">{`${number.format(Number(line.quantity))} ${line.unit}`}</span>
        <span className="sm:text-right">{formatMoney(line.unitPriceOre, locale)}</span>
        <span className="sm:text-right">{`${line.vatRate} %`}</span>
      </div>
      <span className="col-start-2 row-start-1 text-right font-medium tabular-nums sm:col-start-auto" data-testid="line-amount">
        {formatMoney(line.amountOre, locale)}
      </span>
      <div className="col-start-2 flex items-center justify-end gap-0.5 sm:col-start-auto">
        <Button variant="ghost" size="sm" onClick={edit} aria-label={t('invoices.draft.editLineLabel', { description: line.description })}>
          {t('invoices.draft.editLine')}
        </Button>
        <RemoveLineButton invoiceId={invoice.id} lineId={line.id} description={line.description} />
      </div>
    </div>
  );
}

export function DraftLines({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  if (invoice.lines.length === 0) return <p className="py-6 text-center text-sm text-muted">{t('invoices.draft.noLines')}</p>;
  return (
    <ul className="divide-y divide-border text-sm" data-testid="invoice-lines">
      <li
        aria-hidden
        className="hidden gap-x-4 pb-2 text-muted sm:grid sm:grid-cols-[minmax(0,1fr)_6rem_8rem_4rem_8rem_auto] [&>span]:font-medium"
      >
        <span>{t('invoices.draft.description')}</span>
        <span className="text-right">{t('invoices.draft.quantity')}</span>
        <span className="text-right">{t('invoices.draft.unitPrice')}</span>
        <span className="text-right">{t('invoices.draft.vatRate')}</span>
        <span className="text-right">{t('invoices.draft.amount')}</span>
        <span className="w-24" />
      </li>
      {invoice.lines.map((line) => (
        <li key={line.id} className="py-2.5" data-testid="invoice-line">
          {editing === line.id ? (
            <LineEditor invoice={invoice} line={line} done={() => setEditing(null)} />
          ) : (
            <LineView invoice={invoice} line={line} edit={() => setEditing(line.id)} />
          )}
        </li>
      ))}
    </ul>
  );
}
