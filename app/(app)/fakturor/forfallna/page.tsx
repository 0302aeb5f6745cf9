// Overdue invoices per client and in total (issue 19, item 1), with the reminders sent, what the
// daily collections job suggests, and the buttons to remind or charge late interest. Only reads.
import type { Metadata } from 'next';
import Link from 'next/link';
import { InterestInvoiceForm, RemindForm } from '@/components/collections/overdue-forms';
import { Card, CardContent } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { listOverdue } from '@/lib/collections/overdue';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';
import { pageContext } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('collections.overdue.title') };
}

export default async function OverduePage() {
  const ctx = await pageContext();
  const { t, locale } = await getTranslator();
  const overdue = await ctx.tx((tx) => listOverdue(tx));
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t('collections.overdue.title')}</h1>
        <p className="text-muted">{t('collections.overdue.intro')}</p>
        <p className="font-medium" data-testid="overdue-total">
          {overdue.count
            ? t('collections.overdue.total', { amount: formatMoney(overdue.totalOre, locale), count: overdue.count })
            : t('collections.overdue.empty')}
        </p>
      </div>
      {overdue.clients.map((c) => (
        <Card key={c.clientId}>
          <CardContent className="space-y-3 pt-6">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 className="text-lg font-semibold">
                {c.client} · {formatMoney(c.outstandingOre, locale)}
              </h2>
              {c.interestSuggested ? (
                <div className="flex items-center gap-2 text-sm">
                  <span className="text-muted">{t('collections.overdue.interestSuggested')}</span>
                  <InterestInvoiceForm clientId={c.clientId} />
                </div>
              ) : null}
            </div>
            {c.invoices.length ? (
              <DataTable
                rowTestId="overdue-row"
                rows={c.invoices}
                rowKey={(i) => i.id}
                columns={[
                  {
                    header: t('collections.overdue.invoice'),
                    cell: (i) => (
                      <Link href={`/fakturor/${i.id}`} className="text-accent underline-offset-4 hover:underline">
                        {i.number}
                      </Link>
                    ),
                  },
                  { header: t('collections.overdue.due'), numeric: true, cell: (i) => formatDate(i.dueDate, locale) },
                  { header: t('collections.overdue.daysLate'), numeric: true, cell: (i) => i.daysLate },
                  { header: t('collections.overdue.outstanding'), numeric: true, cell: (i) => formatMoney(i.outstandingOre, locale) },
                  {
                    header: t('collections.overdue.reminders'),
                    cell: (i) => (
                      <div className="flex items-center gap-2">
                        <span>{i.reminders}</span>
                        {i.reminderSuggested ? <span className="text-xs text-muted">{t('collections.overdue.suggested')}</span> : null}
                        <RemindForm invoiceId={i.id} />
                      </div>
                    ),
                  },
                ]}
              />
            ) : null}
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
