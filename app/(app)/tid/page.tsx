// Tid → Logga tid: quick entry, the timer, and the week's entries.
import type { Metadata } from 'next';
import { EntryForm } from '@/components/time/entry-form';
import { EntryList } from '@/components/time/entry-list';
import { RoundingForm } from '@/components/time/rounding-form';
import { TimerCard } from '@/components/time/timer-card';
import { WeekNav } from '@/components/time/week-nav';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { formatMinutes } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';
import { loadTimePage } from '@/lib/time/load';
import { mondayOf, today, weekFromParam } from '@/lib/time/week';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('time.title') };
}

export default async function TimePage({ searchParams }: { searchParams: Promise<{ vecka?: string }> }) {
  const { t, locale } = await getTranslator();
  const day = today();
  const monday = weekFromParam((await searchParams).vecka, day);
  const { nodes, entries, timer, rounding } = await loadTimePage(monday);
  const stored = { entryDate: mondayOf(day) === monday ? day : monday, billable: 'on' };
  const total = entries.reduce((sum, e) => sum + e.minutes, 0);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <Card className="lg:order-1">
        <CardHeader>
          <CardTitle>{t('time.entry.quickTitle')}</CardTitle>
        </CardHeader>
        <CardContent>
          <EntryForm nodes={nodes} stored={stored} rounding={rounding} />
        </CardContent>
      </Card>
      <Card className="lg:order-2 lg:row-span-2 lg:self-start">
        <CardHeader>
          <CardTitle>{t('time.timer.title')}</CardTitle>
        </CardHeader>
        <CardContent>
          <TimerCard timer={timer} nodes={nodes} rounding={rounding} />
          <div className="mt-5 border-t border-border pt-4">
            <RoundingForm current={rounding} />
          </div>
        </CardContent>
      </Card>
      <Card className="lg:order-3">
        <CardHeader className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <CardTitle>{t('time.list.title')}</CardTitle>
          <WeekNav base="/tid" monday={monday} thisMonday={mondayOf(day)} />
        </CardHeader>
        <CardContent>
          <EntryList entries={entries} />
          {total > 0 && (
            <p className="mt-3 border-t border-border pt-3 text-right text-sm font-medium tabular-nums">
              {t('time.week.total')}: {formatMinutes(total, locale)}
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
