// Payments from the bank's file (issue 19, item 3): upload a BgMax or camt.054 file, review what
// the matcher proposed, place the rest by hand, book. The page only reads.
import type { Metadata } from 'next';
import Link from 'next/link';
import { BookImportForm, PlacePaymentForm, UploadBankFileForm } from '@/components/payments/import-forms';
import { Card, CardContent } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';
import { uuid } from '@/lib/invoices/schemas';
import { listPlaceableInvoices, loadImportReview, type ReviewRow } from '@/lib/payments/review';
import { ownerPageContext } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('collections.import.title') };
}

export default async function BankImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await ownerPageContext();
  const { t, locale } = await getTranslator();
  const id = (await searchParams).id;
  const importId = typeof id === 'string' && uuid.safeParse(id).success ? id : null;
  const { review, invoices } = await ctx.tx(async (tx) => ({
    review: importId ? await loadImportReview(tx, importId) : null,
    invoices: importId ? await listPlaceableInvoices(tx) : [],
  }));
  const after = (r: ReviewRow) => {
    if (!r.booked || r.invoiceOutstandingOre === null) return '';
    if (r.invoiceOutstandingOre > 0) return t('collections.import.partly', { amount: formatMoney(r.invoiceOutstandingOre, locale) });
    if (r.invoiceOutstandingOre < 0) return t('collections.import.over', { amount: formatMoney(-r.invoiceOutstandingOre, locale) });
    return t('collections.import.paid');
  };
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t('collections.import.title')}</h1>
        <p className="text-muted">{t('collections.import.intro')}</p>
      </div>
      <Card>
        <CardContent className="pt-6">
          <UploadBankFileForm />
        </CardContent>
      </Card>
      {review ? (
        <section className="space-y-3" data-testid="import-review">
          <h2 className="text-lg font-semibold">
            {t('collections.import.review')}: {review.fileName}
          </h2>
          <Card>
            <CardContent className="p-0">
              <DataTable
                flush
                className="min-w-[60rem]"
                rowTestId="bank-payment"
                rows={review.rows}
                rowKey={(r) => r.id}
                columns={[
                  { header: t('collections.import.position'), cell: (r) => r.position },
                  { header: t('collections.import.date'), numeric: true, cell: (r) => formatDate(r.paidOn, locale) },
                  { header: t('collections.import.amount'), numeric: true, cell: (r) => formatMoney(r.amountOre, locale) },
                  { header: t('collections.import.payer'), cell: (r) => r.payerName ?? '' },
                  { header: t('collections.import.reference'), cell: (r) => r.reference ?? '' },
                  {
                    header: t('collections.import.invoice'),
                    testId: 'bank-payment-invoice',
                    cell: (r) =>
                      r.kind !== 'payment' ? (
                        t(`collections.import.kinds.${r.kind}`)
                      ) : r.booked ? (
                        <span>
                          <Link href={`/fakturor/${r.invoiceId}`} className="text-accent underline-offset-4 hover:underline">
                            {r.invoiceNumber}
                          </Link>{' '}
                          · {t('collections.import.booked')} · {after(r)}
                        </span>
                      ) : (
                        <PlacePaymentForm importId={review.id} paymentId={r.id} invoices={invoices} current={r.invoiceId} />
                      ),
                  },
                  { header: t('collections.import.rule'), cell: (r) => (r.rule ? t(`collections.import.rules.${r.rule}`) : '') },
                ]}
              />
            </CardContent>
          </Card>
          <p className="text-sm text-muted">{t('collections.import.notBooked')}</p>
          <BookImportForm importId={review.id} />
        </section>
      ) : null}
    </div>
  );
}
