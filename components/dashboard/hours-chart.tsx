'use client';
// Hours per ISO week over the last 12 weeks, billable and not, stacked (recharts).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n/provider';
import { isoWeek } from '@/lib/time/week';
import { CHART_GRID, CHART_LEGEND, CHART_TOOLTIP, CHART_X_AXIS, CHART_Y_AXIS } from './chart-style';

export function HoursChart({ weeks }: { weeks: { monday: string; minutes: number; billableMinutes: number }[] }) {
  const { t, locale } = useI18n();
  const hours = new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-SE', { maximumFractionDigits: 1 });
  const data = weeks.map((w) => ({
    week: t('dashboard.chart.week', { week: isoWeek(w.monday).week }),
    billable: w.billableMinutes / 60,
    other: (w.minutes - w.billableMinutes) / 60,
  }));
  return (
    <div className="h-64 w-full" role="img" aria-label={t('dashboard.chart.title')} data-testid="hours-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid {...CHART_GRID} />
          <XAxis dataKey="week" {...CHART_X_AXIS} interval="preserveStartEnd" />
          <YAxis {...CHART_Y_AXIS} allowDecimals={false} />
          <Tooltip {...CHART_TOOLTIP} formatter={(value) => t('dashboard.chart.hours', { hours: hours.format(Number(value)) })} />
          <Legend {...CHART_LEGEND} />
          <Bar
            isAnimationActive={false}
            dataKey="billable"
            name={t('dashboard.chart.billable')}
            stackId="h"
            fill="var(--accent)"
            radius={[0, 0, 0, 0]}
          />
          <Bar
            isAnimationActive={false}
            dataKey="other"
            name={t('dashboard.chart.other')}
            stackId="h"
            fill="var(--muted)"
            fillOpacity={0.45}
            radius={[4, 4, 0, 0]}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
