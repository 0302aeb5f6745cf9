'use client';
// Totals computed with the same rule as the database (lib/invoices/totals.ts), so what the
// builder shows while typing is what the invoice will say. A sent invoice and a credit note show
// the figures the database stored (a credit note rounds together with the notes before it).
import { useI18n } from '@/components/i18n/provider';
import { formatMoney } from '@/lib/i18n/format';
import { computeTotals, type LineInput, type StoredTotals } from '@/lib/invoices/totals';

export function TotalsSummary({
  lines,
  roundToKrona = false,
  label,
  stored,
}: {
  lines: LineInput[];
  roundToKrona?: boolean;
  label?: string;
  stored?: StoredTotals;
}) {
  const { t, locale } = useI18n();
  const totals = stored ?? computeTotals(lines, { roundToKrona });
  return (
    <dl className="space-y-1 text-sm" aria-label={label ?? t('invoices.draft.totals')} data-testid="invoice-totals">
      {label ? <p className="font-medium">{label}</p> : null}
      <div className="flex justify-between gap-6">
        <dt className="text-muted">{t('invoices.draft.net')}</dt>
        <dd className="tabular-nums">{formatMoney(totals.netOre, locale)}</dd>
      </div>
      {totals.vatSummary.map((r) => (
        <div key={r.vatRate} className="flex justify-between gap-6">
          <dt className="text-muted">{t('invoices.draft.vatAt', { rate: r.vatRate })}</dt>
          <dd className="tabular-nums">{formatMoney(r.vatOre, locale)}</dd>
        </div>
      ))}
      {totals.roundingOre !== 0 ? (
        <div className="flex justify-between gap-6">
          <dt className="text-muted">{t('invoices.vat.rounding')}</dt>
          <dd className="tabular-nums" data-testid="invoice-rounding">
            {formatMoney(totals.roundingOre, locale)}
          </dd>
        </div>
      ) : null}
      <div className="flex justify-between gap-6 border-t border-border pt-1 text-base font-semibold">
        {/* Negative only on a credit note, which asks for no payment. */}
        <dt>{t(totals.totalOre < 0 ? 'invoices.pdf.totalCredit' : 'invoices.draft.total')}</dt>
        <dd className="tabular-nums" data-testid="invoice-total">
          {formatMoney(totals.totalOre, locale)}
        </dd>
      </div>
    </dl>
  );
}
