'use client';
// Invoiced (incl. VAT) beside paid, per month over the last 12 months (recharts), so a consultant
// sees at a glance whether the money follows the invoices. Amounts in sv-SE kronor.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n/provider';
import { formatMoney } from '@/lib/i18n/format';
import type { MonthMoney } from '@/lib/dashboard/queries';
import { CHART_GRID, CHART_LEGEND, CHART_TOOLTIP, CHART_X_AXIS, CHART_Y_AXIS } from './chart-style';

export function MoneyChart({ months }: { months: MonthMoney[] }) {
  const { t, locale } = useI18n();
  const tag = locale === 'sv' ? 'sv-SE' : 'en-SE';
  const monthName = new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' });
  const thousands = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const data = months.map((m) => ({
    month: monthName.format(new Date(`${m.month}T12:00:00Z`)),
    // Kronor for the bars' heights only; labels format the öre exactly.
    invoiced: (m.invoicedOre + m.vatOre) / 100,
    paid: m.paidOre / 100,
  }));
  return (
    <div className="h-64 w-full" role="img" aria-label={t('dashboard.money.chartLabel')} data-testid="money-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid {...CHART_GRID} />
          <XAxis dataKey="month" {...CHART_X_AXIS} />
          <YAxis
            {...CHART_Y_AXIS}
            width={56}
            tickFormatter={(kr: number) => t('dashboard.money.thousands', { amount: thousands.format(kr / 1000) })}
          />
          <Tooltip {...CHART_TOOLTIP} formatter={(kr) => formatMoney(Math.round(Number(kr) * 100), locale)} />
          <Legend {...CHART_LEGEND} />
          <Bar
            isAnimationActive={false}
            dataKey="invoiced"
            name={t('dashboard.money.chartInvoiced')}
            fill="var(--accent)"
            radius={[4, 4, 0, 0]}
          />
          <Bar
            isAnimationActive={false}
            dataKey="paid"
            name={t('dashboard.money.chartPaid')}
            fill="var(--muted)"
            fillOpacity={0.6}
            radius={[4, 4, 0, 0]}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
