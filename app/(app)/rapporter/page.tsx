// Rapporter: the momsdeklaration and the periodisk sammanställning of a period, with the vouchers
// behind each figure and the downloads; for the owner and, read-only, the accountant (RLS
// decides what exists).
import type { Metadata } from 'next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { Field } from '@/components/ui/field';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';
import { loadEcSalesList, loadVatReturn, PERIOD_MESSAGE } from '@/lib/reports/load';
import { VAT_BOXES } from '@/lib/reports/vat-return';
import { pageContext } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('reports.title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : null);

/** A GET form for a period, keeping the other report's period. */
function PeriodForm({
  name,
  other,
  value,
  error,
  label,
  hint,
  submit,
}: Record<'name' | 'label' | 'submit' | 'value', string> & {
  other: [string, string | null];
  error?: string;
  hint?: string;
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3">
      <Field name={name} label={label} hint={hint} defaultValue={value} error={error} />
      {other[1] ? <input type="hidden" name={other[0]} value={other[1]} /> : null}
      <Button type="submit" variant="secondary">
        {submit}
      </Button>
    </form>
  );
}

export default async function ReportsPage({ searchParams }: { searchParams: Search }) {
  const ctx = await pageContext();
  const { t, locale } = await getTranslator();
  const raw = await searchParams;
  const [moms, ps] = [one(raw.moms), one(raw.ps)];
  const data = await ctx.tx(async (tx, workspace) => {
    if (!workspace) return null;
    return { vat: await loadVatReturn(tx, workspace.id, moms), ec: await loadEcSalesList(tx, workspace.id, ps) };
  });
  if (!data) return <Alert tone="info">{t('home.noWorkspace')}</Alert>;
  const { vat, ec } = data;
  const kr = (kronor: number) => formatMoney(kronor * 100, locale);

  return (
    <div className="space-y-6">
      <div className="max-w-2xl space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t('reports.title')}</h1>
        <p className="text-muted">{t('reports.intro')}</p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t('reports.vat.title')}</CardTitle>
          <CardDescription>{t('reports.vat.intro')}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <PeriodForm
            name="moms"
            other={['ps', ps]}
            label={t('reports.period')}
            hint={t('reports.periodHint')}
            submit={t('reports.show')}
            value={typeof vat === 'string' ? (moms ?? '') : vat.period.code}
            error={typeof vat === 'string' ? t(PERIOD_MESSAGE[vat]) : undefined}
          />
          {typeof vat === 'string' ? null : (
            <>
              <p className="text-sm text-muted">
                {formatDate(vat.period.from, locale)} – {formatDate(vat.period.to, locale)}.{' '}
                {t('reports.methodUsed', { method: t(`reports.methods.${vat.method}`) })}
              </p>
              <div className="divide-y divide-border rounded-lg border border-border" data-testid="vat-boxes">
                {VAT_BOXES.map((box) => (
                  <details key={box} className="px-4 py-3">
                    <summary className="flex cursor-pointer items-baseline justify-between gap-4">
                      <span>
                        <span className="font-mono font-semibold">{box}</span> {t(`reports.vat.boxes.${box}`)}
                      </span>
                      <span className="tabular-nums" data-testid={`vat-box-${box}`}>
                        {kr(vat.boxes[box].kronor)}
                      </span>
                    </summary>
                    {vat.boxes[box].lines.length === 0 ? (
                      <p className="mt-2 text-sm text-muted">{t('reports.vat.none')}</p>
                    ) : (
                      <DataTable
                        className="mt-2 min-w-[28rem]"
                        rows={vat.boxes[box].lines}
                        rowKey={(l) => `${l.kind}-${l.documentId}-${l.date}-${l.ore}`}
                        columns={[
                          { header: t('reports.vat.date'), className: 'whitespace-nowrap', cell: (l) => formatDate(l.date, locale) },
                          { header: t('reports.vat.document'), cell: (l) => `${t(`reports.kinds.${l.kind}`)} ${l.documentNumber}` },
                          { header: t('reports.vat.client'), className: 'max-w-48 truncate', cell: (l) => l.clientName },
                          { header: t('reports.vat.amount'), numeric: true, cell: (l) => formatMoney(l.ore, locale) },
                        ]}
                      />
                    )}
                  </details>
                ))}
              </div>
              <Button asChild variant="secondary">
                <a href={`/api/exports/momsdeklaration.csv?period=${encodeURIComponent(vat.period.code)}`} download>
                  {t('reports.vat.download')}
                </a>
              </Button>
            </>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('reports.ec.title')}</CardTitle>
          <CardDescription>{t('reports.ec.intro')}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <PeriodForm
            name="ps"
            other={['moms', moms]}
            label={t('reports.period')}
            submit={t('reports.show')}
            value={typeof ec === 'string' ? (ps ?? '') : ec.period.code}
            error={typeof ec === 'string' ? t(PERIOD_MESSAGE[ec]) : undefined}
          />
          {typeof ec === 'string' ? null : (
            <>
              {ec.missingVatNumber.length ? (
                <Alert tone="error">
                  {t('reports.ec.missingVatNumber', { numbers: ec.missingVatNumber.map((m) => m.number).join(', ') })}
                </Alert>
              ) : null}
              {!ec.seller.vatNumber && ec.rows.length ? <Alert tone="error">{t('reports.ec.noSellerVatNumber')}</Alert> : null}
              {ec.rows.length === 0 ? (
                <p className="text-muted">{t('reports.ec.none')}</p>
              ) : (
                <DataTable
                  testId="ec-rows"
                  className="min-w-[24rem]"
                  rows={ec.rows}
                  rowKey={(r) => r.vatNumber}
                  columns={[
                    { header: t('reports.ec.vatNumber'), className: 'font-mono', cell: (r) => r.vatNumber },
                    { header: t('reports.ec.documents'), numeric: true, cell: (r) => String(r.documents) },
                    { header: t('reports.ec.services'), numeric: true, cell: (r) => kr(r.kronor) },
                  ]}
                />
              )}
              {ec.missingVatNumber.length || !ec.seller.vatNumber ? null : (
                <Button asChild variant="secondary">
                  <a href={`/api/exports/periodisk-sammanstallning.csv?period=${encodeURIComponent(ec.period.code)}`} download>
                    {t('reports.ec.download')}
                  </a>
                </Button>
              )}
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
