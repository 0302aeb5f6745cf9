// Previous / this / next week, as links (the week is in the URL, so it can be bookmarked).
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { getTranslator } from '@/lib/i18n/server';
import { addDays, isoWeek } from '@/lib/time/week';

export async function WeekNav({ base, monday, thisMonday }: { base: string; monday: string; thisMonday: string }) {
  const { t } = await getTranslator();
  const { week, year } = isoWeek(monday);
  return (
    <nav className="flex flex-wrap items-center gap-2" aria-label={t('time.week.label', { week, year })}>
      <Button asChild variant="secondary" size="sm">
        <Link href={`${base}?vecka=${addDays(monday, -7)}`} aria-label={t('time.week.previous')}>
          ←
        </Link>
      </Button>
      <h2 className="min-w-36 text-center font-semibold tabular-nums" data-testid="week-label">
        {t('time.week.label', { week, year })}
      </h2>
      <Button asChild variant="secondary" size="sm">
        <Link href={`${base}?vecka=${addDays(monday, 7)}`} aria-label={t('time.week.next')}>
          →
        </Link>
      </Button>
      {monday !== thisMonday && (
        <Button asChild variant="ghost" size="sm">
          <Link href={base}>{t('time.week.thisWeek')}</Link>
        </Button>
      )}
    </nav>
  );
}
