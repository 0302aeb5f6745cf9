// Tid → Veckovy: the week grid.
import type { Metadata } from 'next';
import { WeekGrid } from '@/components/time/week-grid';
import { WeekNav } from '@/components/time/week-nav';
import { getTranslator } from '@/lib/i18n/server';
import { loadWeekGrid } from '@/lib/time/load';
import { mondayOf, today, weekDays, weekFromParam } from '@/lib/time/week';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: `${t('time.tabs.week')} – ${t('time.title')}` };
}

export default async function WeekPage({ searchParams }: { searchParams: Promise<{ vecka?: string }> }) {
  const day = today();
  const monday = weekFromParam((await searchParams).vecka, day);
  const { nodes, rows, rounding } = await loadWeekGrid(monday);
  return (
    <div className="space-y-4">
      <WeekNav base="/tid/vecka" monday={monday} thisMonday={mondayOf(day)} />
      <WeekGrid key={monday} days={weekDays(monday)} rows={rows} nodes={nodes} today={day} rounding={rounding} />
    </div>
  );
}
