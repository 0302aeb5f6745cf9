// The builder's first step: choose a client, pick its unbilled hours (grouped by project/task and
// rate), create the draft. Free lines, dates and the message follow on the draft's page.
import type { Metadata } from 'next';
import Link from 'next/link';
import { EntryPicker } from '@/components/invoices/entry-picker';
import { InvoiceClientButton } from '@/components/invoices/invoice-client-button';
import { DataTable } from '@/components/ui/data-table';
import { formatMinutes, formatMoney } from '@/lib/i18n/format';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { getTranslator } from '@/lib/i18n/server';
import { createDraft } from '@/lib/invoices/actions';
import { listClients, listUnbilledByClient, listUnbilledEntries } from '@/lib/invoices/queries';
import { uuid } from '@/lib/invoices/schemas';
import { ownerPageContext } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('invoices.builder.title') };
}

export default async function NewInvoicePage({ searchParams }: { searchParams: Promise<{ kund?: string }> }) {
  const ctx = await ownerPageContext();
  const { t, locale } = await getTranslator();
  const { kund } = await searchParams;
  const clientId = kund && uuid.safeParse(kund).success ? kund : undefined;
  const { clients, entries, unbilled } = await ctx.tx(async (tx) => ({
    clients: await listClients(tx),
    entries: clientId ? await listUnbilledEntries(tx, clientId) : [],
    unbilled: await listUnbilledByClient(tx),
  }));
  const client = clients.find((c) => c.id === clientId);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-1">
        <Link href="/fakturor" className="text-sm text-accent underline-offset-4 hover:underline">
          {t('invoices.invoice.back')}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t('invoices.builder.title')}</h1>
      </div>
      {unbilled.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('invoices.builder.oneStep')}</CardTitle>
            <CardDescription>{t('invoices.builder.oneStepHint')}</CardDescription>
          </CardHeader>
          <CardContent>
            <DataTable
              testId="unbilled-clients"
              rows={unbilled}
              rowKey={(c) => c.clientId}
              columns={[
                { header: t('invoices.list.client'), rowHeader: true, cell: (c) => c.name },
                {
                  header: t('invoices.builder.unbilled'),
                  numeric: true,
                  cell: (c) =>
                    t('invoices.builder.clientUnbilled', {
                      hours: formatMinutes(c.minutes, locale),
                      amount: formatMoney(c.amountOre, locale),
                    }),
                },
                {
                  header: '',
                  className: 'w-px text-right',
                  cell: (c) => <InvoiceClientButton clientId={c.clientId} clientName={c.name} size="sm" variant="secondary" />,
                },
              ]}
            />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardContent>
          {unbilled.length > 0 ? <p className="mb-3 text-sm text-muted">{t('invoices.builder.orPick')}</p> : null}
          {clients.length === 0 ? (
            <p className="text-muted">{t('invoices.builder.noClients')}</p>
          ) : (
            <form className="flex flex-wrap items-end gap-3">
              <div className="min-w-60 flex-1 space-y-1.5">
                <Label htmlFor="builder-client">{t('invoices.builder.chooseClient')}</Label>
                <Select id="builder-client" name="kund" defaultValue={clientId ?? ''} required>
                  <option value="" disabled>
                    {t('invoices.builder.chooseClient')}
                  </option>
                  {clients.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </Select>
                <p className="text-sm text-muted">{t('invoices.builder.chooseClientHint')}</p>
              </div>
              <Button type="submit" variant="secondary" className="mb-7">
                {t('invoices.builder.next')}
              </Button>
            </form>
          )}
        </CardContent>
      </Card>
      {client ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('invoices.builder.unbilled')}</CardTitle>
            <CardDescription>{t('invoices.builder.unbilledHint')}</CardDescription>
          </CardHeader>
          <CardContent>
            {!client.hasDetails ? <p className="mb-4 text-sm text-danger">{t('invoices.draft.clientMissingDetails')}</p> : null}
            <EntryPicker
              key={client.id}
              entries={entries}
              action={createDraft}
              hidden={{ clientId: client.id }}
              submitLabel={t('invoices.builder.create')}
              emptyText={t('invoices.builder.noUnbilled')}
              allowEmpty
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
