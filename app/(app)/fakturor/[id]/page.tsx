// One invoice: a draft is edited here (details, lines, hours, live totals, preview, send); a sent
// invoice is shown as sent, with its archived original, payment, crediting and email.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AddDiscountForm, AddLineForm, DeleteDraftForm, DraftDetailsForm } from '@/components/invoices/draft-forms';
import { DraftLines } from '@/components/invoices/draft-lines';
import { EntryPicker } from '@/components/invoices/entry-picker';
import { PaymentsPanel } from '@/components/invoices/payments-panel';
import { SendForm, SendStateProvider } from '@/components/invoices/send-form';
import { CreditForm, EmailForm, ReleaseHoursForm } from '@/components/invoices/sent-forms';
import { StatusBadge } from '@/components/invoices/status-badge';
import { TotalsSummary } from '@/components/invoices/totals-summary';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';
import { addHours } from '@/lib/invoices/actions';
import { getInvoice, listUnbilledEntries } from '@/lib/invoices/queries';
import { uuid } from '@/lib/invoices/schemas';
import { today } from '@/lib/time/week';
import { DataTable } from '@/components/ui/data-table';
import { pageContext } from '@/lib/request/context';

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('invoices.title') };
}

export default async function InvoicePage({ params }: { params: Params }) {
  const ctx = await pageContext();
  const { t, locale } = await getTranslator();
  const { id } = await params;
  if (!uuid.safeParse(id).success) notFound();
  // An accountant sees sent invoices read-only: the owner's forms are not shown (the database refuses them anyway).
  // Only reads: an unfinished archive shows as pending until the archive job finishes it.
  const { invoice, owner, entries } = await ctx.tx(async (tx, workspace) => {
    const found = await getInvoice(tx, id);
    const unbilled = found?.status === 'draft' && found.kind === 'invoice' ? await listUnbilledEntries(tx, found.clientId) : [];
    return { invoice: found, owner: workspace?.role === 'owner', entries: unbilled };
  });
  if (!invoice) notFound();
  const draft = invoice.status === 'draft';
  const credit = invoice.kind === 'credit_note';
  const title = draft
    ? t(credit ? 'invoices.draft.creditTitle' : 'invoices.draft.title')
    : `${t(`invoices.kind.${invoice.kind}`)} ${invoice.number ?? ''}`;
  const released = invoice.events.some((e) => e.event === 'hours_released');

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/fakturor" className="text-sm text-accent underline-offset-4 hover:underline">
          {t('invoices.invoice.back')}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{title}</h1>
          <StatusBadge status={invoice.status} overdue={invoice.overdue} t={t} />
        </div>
        <p className="text-muted">
          {t('invoices.invoice.client')}:{' '}
          <Link href={`/fakturor?client=${invoice.clientId}`} className="text-accent underline-offset-4 hover:underline">
            {invoice.clientName}
          </Link>
          {invoice.rebilledFrom.map((o) => (
            <span key={o.id} className="block text-sm" data-testid="rebilled-from">
              <Link href={`/fakturor/${o.id}`} className="text-accent underline-offset-4 hover:underline">
                {t('invoices.invoice.rebilledFrom', { number: o.number ?? '' })}
              </Link>
            </span>
          ))}
          {invoice.credits ? (
            <>
              {' · '}
              <Link href={`/fakturor/${invoice.credits.id}`} className="text-accent underline-offset-4 hover:underline">
                {t('invoices.invoice.creditsInvoice', {
                  number: invoice.credits.number ?? '',
                  date: invoice.credits.issueDate ? formatDate(invoice.credits.issueDate, locale) : '',
                })}
              </Link>
            </>
          ) : null}
        </p>
      </div>

      {!draft && !invoice.pdfPath ? <Alert tone="info">{t('invoices.invoice.archivePending')}</Alert> : null}

      <SendStateProvider className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('invoices.draft.lines')}</CardTitle>
            </CardHeader>
            <CardContent>
              {draft ? (
                <DraftLines invoice={invoice} />
              ) : (
                <DataTable
                  testId="invoice-lines"
                  className="min-w-[36rem]"
                  rows={invoice.lines}
                  rowKey={(l) => l.id}
                  empty={t('invoices.draft.noLines')}
                  columns={[
                    {
                      header: t('invoices.draft.description'),
                      cell: (l) => (
                        <>
                          {l.kind === 'discount' ? (
                            <span className="mr-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs">{t('invoices.vat.lineKind.discount')}</span>
                          ) : null}
                          {l.description}
                          {invoice.vatTreatment === 'domestic' && l.vatRate === 0 && l.exemptionReason ? (
                            <span className="block text-xs text-muted">{t(`invoices.vat.reasons.${l.exemptionReason}`)}</span>
                          ) : null}
                        </>
                      ),
                    },
                    {
                      header: t('invoices.draft.quantity'),
                      numeric: true,
                      cell: (l) => `${Number(l.quantity).toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-SE')} ${l.unit}`,
                    },
                    { header: t('invoices.draft.unitPrice'), numeric: true, cell: (l) => formatMoney(l.unitPriceOre, locale) },
                    { header: t('invoices.draft.vatRate'), numeric: true, cell: (l) => `${l.vatRate} %` },
                    { header: t('invoices.draft.amount'), numeric: true, cell: (l) => formatMoney(l.amountOre, locale) },
                  ]}
                />
              )}
            </CardContent>
          </Card>

          {draft ? (
            <>
              <Card>
                <CardHeader>
                  <CardTitle>{t('invoices.draft.addLine')}</CardTitle>
                  <CardDescription>{t('invoices.draft.roundingRule')}</CardDescription>
                </CardHeader>
                <CardContent>
                  {/* Remounted when a line is added, so the form starts empty again. */}
                  <AddLineForm key={invoice.lines.length} invoice={invoice} />
                </CardContent>
              </Card>
              {invoice.kind === 'invoice' ? (
                <Card>
                  <CardHeader>
                    <CardTitle>{t('invoices.vat.discount')}</CardTitle>
                  </CardHeader>
                  <CardContent>
                    <AddDiscountForm key={invoice.lines.length} invoice={invoice} />
                  </CardContent>
                </Card>
              ) : null}
              {invoice.kind === 'invoice' && entries.length > 0 ? (
                <Card>
                  <CardHeader>
                    <CardTitle>{t('invoices.draft.addHours')}</CardTitle>
                    <CardDescription>{t('invoices.builder.unbilledHint')}</CardDescription>
                  </CardHeader>
                  <CardContent>
                    <EntryPicker
                      entries={entries}
                      action={addHours}
                      hidden={{ invoiceId: invoice.id }}
                      submitLabel={t('invoices.draft.addHoursSubmit')}
                      emptyText=""
                    />
                  </CardContent>
                </Card>
              ) : null}
              <Card>
                <CardHeader>
                  <CardTitle>{t('invoices.draft.details')}</CardTitle>
                </CardHeader>
                <CardContent>
                  <DraftDetailsForm invoice={invoice} />
                </CardContent>
              </Card>
            </>
          ) : (
            <Card>
              <CardHeader>
                <CardTitle>{t('invoices.invoice.history')}</CardTitle>
              </CardHeader>
              <CardContent>
                <ol className="space-y-1 text-sm" data-testid="invoice-events">
                  {invoice.events.map((e, i) => (
                    <li key={i} className="flex justify-between gap-4">
                      <span>
                        {t(`invoices.invoice.event.${e.event as 'sent'}`)}
                        {typeof e.details.amount_ore === 'number' ? ` · ${formatMoney(e.details.amount_ore, locale)}` : ''}
                        {typeof e.details.reason === 'string' ? ` · ${e.details.reason}` : ''}
                      </span>
                      <span className="tabular-nums text-muted">{formatDate(e.occurredAt, locale)}</span>
                    </li>
                  ))}
                </ol>
              </CardContent>
            </Card>
          )}
        </div>

        <div className="min-w-0 space-y-6">
          <Card>
            <CardContent className="space-y-4">
              {!draft ? (
                <dl className="grid grid-cols-2 gap-2 text-sm">
                  <dt className="text-muted">{t(credit ? 'invoices.invoice.creditNoteDate' : 'invoices.invoice.issueDate')}</dt>
                  <dd className="text-right tabular-nums">{invoice.issueDate ? formatDate(invoice.issueDate, locale) : '–'}</dd>
                  {credit ? null : (
                    <>
                      <dt className="text-muted">{t('invoices.invoice.dueDate')}</dt>
                      <dd className="text-right tabular-nums">{invoice.dueDate ? formatDate(invoice.dueDate, locale) : '–'}</dd>
                      <dt className="text-muted">{t('invoices.invoice.ocr')}</dt>
                      <dd className="text-right tabular-nums">{invoice.ocrReference}</dd>
                    </>
                  )}
                  <dt className="text-muted">{t('invoices.vat.treatment')}</dt>
                  <dd className="text-right" data-testid="vat-treatment">
                    {t(`invoices.vat.treatments.${invoice.vatTreatment}`)}
                  </dd>
                  {invoice.buyerReference ? (
                    <>
                      <dt className="text-muted">{t('invoices.vat.buyerReference')}</dt>
                      <dd className="text-right">{invoice.buyerReference}</dd>
                    </>
                  ) : null}
                  {invoice.sellerReference ? (
                    <>
                      <dt className="text-muted">{t('invoices.vat.sellerReference')}</dt>
                      <dd className="text-right">{invoice.sellerReference}</dd>
                    </>
                  ) : null}
                  {invoice.paidOn ? (
                    <>
                      <dt className="text-muted">{t('invoices.invoice.paidOn')}</dt>
                      <dd className="text-right tabular-nums" data-testid="paid-on">
                        {formatDate(invoice.paidOn, locale)}
                      </dd>
                    </>
                  ) : null}
                </dl>
              ) : null}
              {credit && !draft ? (
                <p className="text-sm text-muted" data-testid="credit-note-no-payment">
                  {t('invoices.invoice.creditNoteNoPayment', { amount: formatMoney(-invoice.totalOre, locale) })}
                </p>
              ) : null}
              {invoice.overdue && invoice.dueDate ? (
                <p className="text-sm font-medium text-danger">
                  {t('invoices.invoice.overdueSince', { date: formatDate(invoice.dueDate, locale) })}
                </p>
              ) : null}
              <TotalsSummary
                lines={invoice.lines.map((l) => ({ quantity: l.quantity, unitPriceOre: l.unitPriceOre, vatRate: l.vatRate }))}
                roundToKrona={invoice.roundToKrona}
                stored={credit || !draft ? invoice.stored : undefined}
              />
              {draft ? (
                <div className="space-y-3">
                  <Button asChild variant="secondary" className="w-full">
                    <a href={`/api/invoices/${invoice.id}/preview`} target="_blank" rel="noopener">
                      {t('invoices.draft.preview')}
                    </a>
                  </Button>
                  <SendForm invoiceId={invoice.id} />
                  <DeleteDraftForm invoiceId={invoice.id} />
                </div>
              ) : invoice.pdfPath ? (
                <div className="space-y-2">
                  <Button asChild className="w-full">
                    <a href={`/api/invoices/${invoice.id}/pdf`} download>
                      {t('invoices.invoice.download')}
                    </a>
                  </Button>
                  <p className="break-all text-xs text-muted">{t('invoices.invoice.archived', { hash: invoice.pdfSha256 ?? '' })}</p>
                </div>
              ) : null}
            </CardContent>
          </Card>

          {!draft && !credit ? (
            <Card>
              <CardHeader>
                <CardTitle className="text-base">{t('invoices.invoice.payments')}</CardTitle>
              </CardHeader>
              <CardContent>
                <PaymentsPanel invoice={invoice} owner={owner} today={today()} />
              </CardContent>
            </Card>
          ) : null}
          {owner && invoice.status === 'credited' && (invoice.billedEntries > 0 || released) ? (
            <Card>
              <CardHeader>
                <CardTitle className="text-base">{t('invoices.invoice.releaseHours')}</CardTitle>
              </CardHeader>
              <CardContent>
                {invoice.billedEntries > 0 ? (
                  <ReleaseHoursForm invoiceId={invoice.id} />
                ) : (
                  <p className="text-sm text-muted" data-testid="hours-released">
                    {t('invoices.invoice.hoursReleased')}
                  </p>
                )}
              </CardContent>
            </Card>
          ) : null}
          {owner && !draft && invoice.kind === 'invoice' && invoice.status !== 'credited' && invoice.lines.some((l) => !l.credited) ? (
            <Card>
              <CardHeader>
                <CardTitle className="text-base">{t('invoices.invoice.credit')}</CardTitle>
              </CardHeader>
              <CardContent>
                <CreditForm invoiceId={invoice.id} lines={invoice.lines} />
              </CardContent>
            </Card>
          ) : null}
          {invoice.creditNotes.length > 0 ? (
            <Card>
              <CardHeader>
                <CardTitle className="text-base">{t('invoices.invoice.creditNotes')}</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="space-y-1 text-sm">
                  {invoice.creditNotes.map((n) => (
                    <li key={n.id}>
                      <Link href={`/fakturor/${n.id}`} className="text-accent underline-offset-4 hover:underline">
                        {n.number ? `${t('invoices.kind.credit_note')} ${n.number}` : t('invoices.draft.creditTitle')}
                      </Link>
                    </li>
                  ))}
                </ul>
              </CardContent>
            </Card>
          ) : null}
          {owner && !draft && invoice.pdfPath ? (
            <Card>
              <CardHeader>
                <CardTitle className="text-base">{t('invoices.invoice.email')}</CardTitle>
              </CardHeader>
              <CardContent>
                <EmailForm invoiceId={invoice.id} defaultTo={invoice.clientEmail ?? ''} />
              </CardContent>
            </Card>
          ) : null}
        </div>
      </SendStateProvider>
    </div>
  );
}
