// The accountant's portal (read-only; RLS decides what exists): invoices and credit notes of the
// active workspace filtered by period, status and kind, the archived original of each, the
// customer ledger, and the period's downloads (ZIP of PDFs, CSV register), the SIE 4I file per fiscal
// year and the reports (momsdeklaration, periodisk sammanställning).
import type { Metadata } from 'next';
import { PortalFilters } from '@/components/accountant/portal-filters';
import { ZipDownload } from '@/components/accountant/zip-download';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Pager } from '@/components/ui/pager';
import { customerLedger } from '@/lib/accountant/queries';
import { filterQuery, parseExportFilter, zipFileName } from '@/lib/exports/filter';
import { readBookkeepingSettings } from '@/lib/exports/sie/accounts';
import { fiscalYearStart } from '@/lib/exports/sie/fiscal-year';
import { today } from '@/lib/time/week';
import { pageOfExportInvoices, PORTAL_PAGE_SIZE } from '@/lib/exports/invoices';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';
import { DataTable } from '@/components/ui/data-table';
import { redirect } from 'next/navigation';
import { NO_ACCESS_PAGE, pageContext } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('accountant.portal.title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function PortalPage({ searchParams }: { searchParams: Search }) {
  const ctx = await pageContext();
  const { t, locale } = await getTranslator();
  const raw = await searchParams;
  const params = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
  const parsed = parseExportFilter(params);
  const filter = parsed ?? {};
  const data = await ctx.tx(async (tx, workspace) => {
    if (!workspace) return null;
    const name = await tx.query<{ name: string }>(`select name from public.workspaces where id = $1`, [workspace.id]);
    return {
      name: name.rows[0]?.name ?? '',
      list: await pageOfExportInvoices(tx, filter, Number(params.get('sida') ?? 1)),
      ledger: await customerLedger(tx, filter),
      startMonth: (await readBookkeepingSettings(tx, workspace.id)).fiscalYearStartMonth,
    };
  });
  if (!data) redirect(NO_ACCESS_PAGE);
  const query = filterQuery(filter);
  const withQuery = (path: string) => (query ? `${path}?${query}` : path);
  const { list } = data;
  const pageHref = (page: number) => `/portal?${new URLSearchParams([...new URLSearchParams(query), ['sida', String(page)]])}`;
  const money = (ore: number) => formatMoney(ore, locale);

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t('accountant.portal.title')}</h1>
        <p className="text-muted" data-testid="portal-workspace">
          {t('accountant.portal.intro', { workspace: data.name || t('accountant.switcher.unnamed') })}
        </p>
      </div>

      <Card>
        <CardContent>
          {!parsed ? (
            <div className="mb-4">
              <Alert tone="error">{t('accountant.portal.invalidFilter')}</Alert>
            </div>
          ) : null}
          <PortalFilters filter={filter} t={t} />
        </CardContent>
      </Card>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>
              {t('accountant.portal.invoicesTitle')}{' '}
              <span className="text-base font-normal text-muted">({t('accountant.portal.count', { count: list.total })})</span>
            </CardTitle>
          </CardHeader>
          <CardContent>
            {list.invoices.length === 0 ? (
              <p className="text-muted">{t('accountant.portal.empty')}</p>
            ) : (
              <DataTable
                testId="portal-invoices"
                className="min-w-[40rem]"
                rows={list.invoices}
                rowKey={(i) => i.id}
                columns={[
                  {
                    header: t('accountant.portal.number'),
                    className: 'whitespace-nowrap',
                    cell: (i) => (
                      <>
                        <span className="font-medium">{i.number}</span>{' '}
                        {i.kind === 'credit_note' ? <span className="text-muted">· {t('invoices.kind.credit_note')}</span> : null}
                      </>
                    ),
                  },
                  { header: t('accountant.portal.client'), className: 'max-w-48 truncate', cell: (i) => i.clientName },
                  {
                    header: t('accountant.portal.issueDate'),
                    className: 'whitespace-nowrap',
                    cell: (i) => formatDate(i.issueDate, locale),
                  },
                  { header: t('accountant.portal.status'), className: 'whitespace-nowrap', cell: (i) => t(`invoices.status.${i.status}`) },
                  { header: t('accountant.portal.total'), numeric: true, cell: (i) => money(i.totalOre) },
                  {
                    header: t('accountant.csv.outstanding'),
                    numeric: true,
                    testId: 'portal-outstanding',
                    cell: (i) => (i.outstandingOre === null ? '–' : money(i.outstandingOre)),
                  },
                  {
                    header: t('accountant.portal.pdf'),
                    className: 'text-right',
                    cell: (i) =>
                      i.pdfPath ? (
                        <a
                          href={`/api/exports/invoices/${i.id}/pdf`}
                          download
                          className="font-medium text-accent underline-offset-4 hover:underline"
                          aria-label={t('accountant.portal.downloadLabel', {
                            kind: t(`invoices.kind.${i.kind}`).toLowerCase(),
                            number: String(i.number),
                          })}
                        >
                          {t('accountant.portal.download')}
                        </a>
                      ) : (
                        <span className="text-muted">{t('accountant.portal.noPdf')}</span>
                      ),
                  },
                ]}
              />
            )}
            <div className="mt-4 empty:hidden">
              <Pager page={list.page} pages={list.pages} count={list.total} pageSize={PORTAL_PAGE_SIZE} href={pageHref} t={t} />
            </div>
          </CardContent>
        </Card>

        <Card className="h-fit">
          <CardHeader>
            <CardTitle>{t('accountant.portal.downloadsTitle')}</CardTitle>
            <CardDescription>{t('accountant.portal.downloadsIntro')}</CardDescription>
          </CardHeader>
          <CardContent className="space-y-3">
            <ZipDownload href={withQuery('/api/exports/invoices.zip')} fileName={zipFileName(filter)} label={t('accountant.portal.zip')} />
            <p className="text-sm text-muted">{t('accountant.portal.sieIntro')}</p>
            {[0, 1].map((back) => {
              const year = fiscalYearStart(today(), data.startMonth) - back;
              return (
                <Button key={year} asChild variant="secondary" className="w-full justify-start">
                  <a href={`/api/exports/sie?year=${year}`} download>
                    {t('accountant.portal.sie', { year: data.startMonth === 1 ? String(year) : `${year}/${year + 1}` })}
                  </a>
                </Button>
              );
            })}
            <Button asChild variant="secondary" className="w-full justify-start">
              <a href="/rapporter">{t('accountant.portal.reports')}</a>
            </Button>
            <Button asChild variant="secondary" className="w-full justify-start">
              <a href={withQuery('/api/exports/register.csv')} download>
                {t('accountant.portal.csv')}
              </a>
            </Button>
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t('accountant.portal.ledgerTitle')}</CardTitle>
          <CardDescription>{t('accountant.portal.ledgerIntro')}</CardDescription>
        </CardHeader>
        <CardContent>
          {data.ledger.length === 0 ? (
            <p className="text-muted">{t('accountant.portal.empty')}</p>
          ) : (
            <DataTable
              testId="portal-ledger"
              className="min-w-[32rem]"
              rows={data.ledger}
              rowKey={(row) => row.clientId}
              columns={[
                {
                  header: t('accountant.portal.client'),
                  cell: (row) => (
                    <>
                      <span className="font-medium">{row.clientName}</span>
                      {row.overdue > 0 ? (
                        <span className="ml-2 text-danger">{t('accountant.portal.overdue', { count: row.overdue })}</span>
                      ) : null}
                    </>
                  ),
                },
                { header: t('accountant.portal.open'), numeric: true, cell: (row) => money(row.openOre) },
                { header: t('accountant.portal.paid'), numeric: true, cell: (row) => money(row.paidOre) },
                { header: t('accountant.portal.credited'), numeric: true, cell: (row) => money(row.creditedOre) },
              ]}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
