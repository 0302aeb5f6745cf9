// Edit one time entry; a locked (invoiced) one shows why and links to its invoice instead.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EntryForm } from '@/components/time/entry-form';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getTranslator } from '@/lib/i18n/server';
import { uuid } from '@/lib/invoices/schemas';
import { loadEntry } from '@/lib/time/load';
import { durationInputValue, oreDecimal } from '@/lib/validation/quantities';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('time.entry.editTitle') };
}

export default async function EditEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  const { id } = await params;
  if (!uuid.safeParse(id).success) notFound();
  const { entry, nodes, rounding } = await loadEntry(id);
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <CardTitle>{t('time.entry.editTitle')}</CardTitle>
      </CardHeader>
      <CardContent>
        {entry.locked ? (
          <div className="space-y-3">
            <Alert tone="info">{t('time.list.lockedHint')}</Alert>
            <Link href={`/fakturor/${entry.invoiceId}`} className="text-accent underline underline-offset-4">
              {t('time.list.invoice')}
            </Link>
          </div>
        ) : (
          <EntryForm
            editing
            nodes={nodes}
            rounding={rounding}
            stored={{
              id: entry.id,
              entryDate: entry.entryDate,
              minutes: durationInputValue(entry.minutes),
              nodeId: entry.nodeId,
              hourlyRate: oreDecimal(entry.hourlyRateOre),
              description: entry.description,
              billable: entry.billable ? 'on' : '',
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}
