// The invoice register: filter by status, client and period, totals for the selection, and the
// register as CSV (the exports feature writes it) with the same filters. It only reads: an invoice
// whose archive an interrupted send left unfinished shows "archiving…" until the job finishes it.
import type { Metadata } from 'next';
import Link from 'next/link';
import { InvoiceClientButton } from '@/components/invoices/invoice-client-button';
import { StatusBadge } from '@/components/invoices/status-badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Pager } from '@/components/ui/pager';
import { Select } from '@/components/ui/select';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';
import { INVOICE_PAGE_SIZE, invoiceListPage, STATUS_FILTERS, type ListFilters, type StatusFilter } from '@/lib/invoices/queries';
import { uuid } from '@/lib/invoices/schemas';
import { isDay } from '@/lib/time/week';
import { DataTable } from '@/components/ui/data-table';
import { pageContext } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('invoices.title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' && v ? v : undefined);
const isoDate = (v: string | undefined) => (v && isDay(v) ? v : undefined);

export default async function InvoicesPage({ searchParams }: { searchParams: Search }) {
  const ctx = await pageContext();
  const { t, locale } = await getTranslator();
  const sp = await searchParams;
  const status = one(sp.status);
  const filters: ListFilters = {
    status: STATUS_FILTERS.includes(status as StatusFilter) ? (status as StatusFilter) : undefined,
    clientId: uuid.safeParse(one(sp.client)).success ? one(sp.client) : undefined,
    from: isoDate(one(sp.from)),
    to: isoDate(one(sp.to)),
  };
  const { list, clients, owner } = await ctx.tx(async (tx, workspace) => ({
    ...(await invoiceListPage(tx, filters, Number(one(sp.sida) ?? 1))),
    owner: workspace?.role === 'owner',
  }));
  const { items: invoices, totals } = list;
  const query = new URLSearchParams(
    Object.entries(filters)
      .filter(([, v]) => v)
      .map(([k, v]) => [k === 'clientId' ? 'client' : k, v as string]),
  );
  const pageHref = (page: number) => `/fakturor?${new URLSearchParams([...query, ['sida', String(page)]])}`;
  const client = clients.find((c) => c.id === filters.clientId);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">
            {client ? t('invoices.list.history', { client: client.name }) : t('invoices.title')}
          </h1>
          <p className="text-muted">{t('invoices.subtitle')}</p>
        </div>
        {owner ? (
          <div className="flex flex-wrap items-center gap-2">
            {client ? <InvoiceClientButton clientId={client.id} clientName={client.name} variant="secondary" /> : null}
            <Button asChild variant="secondary">
              <Link href="/betalningar/import">{t('collections.import.title')}</Link>
            </Button>
            <Button asChild>
              <Link href={client ? `/fakturor/ny?kund=${client.id}` : '/fakturor/ny'}>{t('invoices.newInvoice')}</Link>
            </Button>
          </div>
        ) : null}
      </div>

      <Card>
        <CardContent className="p-4">
          <form className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto]" aria-label={t('invoices.list.filters')}>
            <div className="space-y-1.5">
              <Label htmlFor="filter-status">{t('invoices.list.status')}</Label>
              <Select id="filter-status" name="status" defaultValue={filters.status ?? ''}>
                <option value="">{t('invoices.status.all')}</option>
                {STATUS_FILTERS.map((s) => (
                  <option key={s} value={s}>
                    {t(`invoices.status.${s}`)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="filter-client">{t('invoices.list.client')}</Label>
              <Select id="filter-client" name="client" defaultValue={filters.clientId ?? ''}>
                <option value="">{t('invoices.list.allClients')}</option>
                {clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="filter-from">{t('invoices.list.from')}</Label>
              <Input id="filter-from" type="date" name="from" defaultValue={filters.from ?? ''} />
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="filter-to">{t('invoices.list.to')}</Label>
              <Input id="filter-to" type="date" name="to" defaultValue={filters.to ?? ''} />
            </div>
            <div className="flex items-end gap-2">
              <Button type="submit" variant="secondary">
                {t('invoices.list.apply')}
              </Button>
              <Button asChild variant="ghost">
                <Link href="/fakturor">{t('invoices.list.reset')}</Link>
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>

      <Card>
        <DataTable
          flush
          className="min-w-[46rem]"
          rowTestId="invoice-row"
          rows={invoices}
          rowKey={(i) => i.id}
          empty={t('invoices.list.empty')}
          columns={[
            {
              header: t('invoices.list.number'),
              className: 'font-medium',
              cell: (i) => (
                <Link href={`/fakturor/${i.id}`} className="text-accent underline-offset-4 hover:underline">
                  {i.number ? `${t(`invoices.kind.${i.kind}`)} ${i.number}` : t('invoices.list.draftNumber')}
                </Link>
              ),
            },
            {
              header: t('invoices.list.client'),
              cell: (i) => (
                <Link href={`/fakturor?client=${i.clientId}`} className="underline-offset-4 hover:underline">
                  {i.clientName}
                </Link>
              ),
            },
            {
              header: t('invoices.list.date'),
              className: 'tabular-nums',
              cell: (i) => (i.issueDate ? formatDate(i.issueDate, locale) : '–'),
            },
            {
              header: t('invoices.list.due'),
              className: 'tabular-nums',
              cell: (i) => (i.dueDate && i.kind === 'invoice' ? formatDate(i.dueDate, locale) : '–'),
            },
            {
              header: t('invoices.list.status'),
              cell: (i) => (
                <>
                  <StatusBadge status={i.status} overdue={i.overdue} t={t} />
                  {i.status !== 'draft' && !i.archived ? (
                    <span className="ml-2 text-xs text-muted">{t('invoices.list.pendingArchive')}</span>
                  ) : null}
                </>
              ),
            },
            { header: t('invoices.list.amount'), numeric: true, cell: (i) => formatMoney(i.totalOre, locale) },
            {
              header: t('invoices.list.outstanding'),
              numeric: true,
              testId: 'invoice-outstanding',
              cell: (i) => (i.outstandingOre === null ? '–' : formatMoney(i.outstandingOre, locale)),
            },
          ]}
        />
        <div className="border-t border-border px-4 py-3 empty:hidden">
          <Pager page={list.page} pages={list.pages} count={list.count} pageSize={INVOICE_PAGE_SIZE} href={pageHref} t={t} />
        </div>
        <div className="flex flex-wrap items-center justify-between gap-4 border-t border-border p-4 text-sm">
          <div className="flex flex-wrap gap-x-6 gap-y-1" data-testid="selection-totals">
            <span className="font-medium">{t('invoices.list.totals', { count: totals.issued })}</span>
            <span>
              {t('invoices.list.net')} <span className="tabular-nums">{formatMoney(totals.netOre, locale)}</span>
            </span>
            <span>
              {t('invoices.list.vat')} <span className="tabular-nums">{formatMoney(totals.vatOre, locale)}</span>
            </span>
            <span className="font-semibold">
              {t('invoices.list.total')} <span className="tabular-nums">{formatMoney(totals.totalOre, locale)}</span>
            </span>
            <span className="font-semibold">
              {t('invoices.list.outstanding')} <span className="tabular-nums">{formatMoney(totals.outstandingOre, locale)}</span>
            </span>
          </div>
          <Button asChild variant="secondary" size="sm">
            <a href={`/api/exports/register.csv${query.size ? `?${query}` : ''}`}>{t('invoices.list.exportCsv')}</a>
          </Button>
        </div>
      </Card>
    </div>
  );
}
