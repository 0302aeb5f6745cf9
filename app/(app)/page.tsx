// Översikt: unbilled time per client, hours this week and month, unpaid and overdue invoices, hours
// per week, and invoiced, VAT, paid and outstanding for the month, quarter and year with a chart per
// month — one SQL statement (lib/dashboard/queries.ts).
import type { Metadata } from 'next';
import Link from 'next/link';
import { HoursChart } from '@/components/dashboard/hours-chart';
import { MoneyChart } from '@/components/dashboard/money-chart';
import { StatCard } from '@/components/dashboard/stat-card';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { loadOwnDashboard } from '@/lib/dashboard/load';
import { MONEY_PERIODS, type PeriodMoney } from '@/lib/dashboard/queries';
import { formatMinutes, formatMoney } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';
import { DataTable } from '@/components/ui/data-table';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('dashboard.title') };
}

export default async function DashboardPage() {
  const { t, locale } = await getTranslator();
  const { data, email } = await loadOwnDashboard();
  const unbilledMinutes = data.unbilled.reduce((sum, c) => sum + c.minutes, 0);
  const unbilledOre = data.unbilled.reduce((sum, c) => sum + c.amountOre, 0);
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <p className="text-sm font-medium text-accent" data-testid="workspace-name">
            {data.workspaceName || t('home.unnamed')}
          </p>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t('dashboard.title')}</h1>
          <p className="text-sm text-muted">
            <span data-testid="workspace-role">{t('home.roles.owner')}</span> · <span data-testid="user-email">{email}</span>
          </p>
        </div>
        <Button asChild>
          <Link href="/tid">{t('dashboard.logTime')}</Link>
        </Button>
      </div>

      {!data.profileComplete && (
        <div
          className="flex flex-col gap-3 rounded-2xl border border-border bg-accent-soft px-5 py-4 sm:flex-row sm:items-center sm:justify-between"
          data-testid="profile-incomplete"
        >
          <p className="text-sm">{t('dashboard.profileIncomplete')}</p>
          <Button asChild variant="secondary" size="sm">
            <Link href="/profil">{t('dashboard.completeProfile')}</Link>
          </Button>
        </div>
      )}

      <div className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
        <StatCard label={t('dashboard.stats.week')} value={formatMinutes(data.weekMinutes, locale)} testId="week-minutes" />
        <StatCard label={t('dashboard.stats.month')} value={formatMinutes(data.monthMinutes, locale)} testId="month-minutes" />
        <StatCard
          label={t('dashboard.stats.unbilled')}
          value={formatMoney(unbilledOre, locale)}
          detail={t('dashboard.stats.unbilledHours', { hours: formatMinutes(unbilledMinutes, locale) })}
          testId="unbilled-amount"
        />
        <StatCard
          label={t('dashboard.stats.outstanding')}
          value={formatMoney(data.outstanding.totalOre, locale)}
          detail={
            data.overdue.count > 0
              ? t('dashboard.stats.overdue', { count: data.overdue.count, amount: formatMoney(data.overdue.totalOre, locale) })
              : `${t('dashboard.stats.outstandingCount', { count: data.outstanding.count })} · ${t('dashboard.stats.noneOverdue')}`
          }
          tone={data.overdue.count > 0 ? 'danger' : undefined}
          testId="outstanding-amount"
        />
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t('dashboard.money.title')}</CardTitle>
          <CardDescription>{t('dashboard.money.subtitle')}</CardDescription>
        </CardHeader>
        <CardContent className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <DataTable
            testId="money-table"
            rows={MONEY_MEASURES}
            rowKey={(m) => m}
            columns={[
              { header: t('dashboard.money.measure'), rowHeader: true, cell: (m) => t(`dashboard.money.${m}`) },
              ...MONEY_PERIODS.map((p) => ({
                header: t(`dashboard.money.periods.${p}`),
                numeric: true,
                testId: `money-${p}`,
                cell: (m: (typeof MONEY_MEASURES)[number]) => formatMoney(data.money.periods[p][`${m}Ore`], locale),
              })),
            ]}
          />
          <div className="min-w-0 space-y-2">
            <h3 className="text-sm font-medium">{t('dashboard.money.chartTitle')}</h3>
            <p className="text-sm text-muted">{t('dashboard.money.chartSubtitle')}</p>
            <MoneyChart months={data.money.months} />
          </div>
        </CardContent>
      </Card>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardHeader>
            <CardTitle>{t('dashboard.chart.title')}</CardTitle>
            <CardDescription>{t('dashboard.chart.subtitle')}</CardDescription>
          </CardHeader>
          <CardContent>
            <HoursChart weeks={data.weeks} />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>{t('dashboard.unbilled.title')}</CardTitle>
          </CardHeader>
          <CardContent>
            {data.unbilled.length === 0 ? (
              <p className="text-sm text-muted">{t('dashboard.unbilled.empty')}</p>
            ) : (
              <DataTable
                testId="unbilled-table"
                rows={data.unbilled}
                rowKey={(c) => c.clientId}
                columns={[
                  { header: t('dashboard.unbilled.client'), rowHeader: true, className: 'max-w-[10rem] truncate', cell: (c) => c.name },
                  { header: t('dashboard.unbilled.hours'), numeric: true, cell: (c) => formatMinutes(c.minutes, locale) },
                  { header: t('dashboard.unbilled.amount'), numeric: true, cell: (c) => formatMoney(c.amountOre, locale) },
                ]}
              />
            )}
            <Button asChild variant="link" className="mt-4">
              <Link href="/fakturor">{t('dashboard.unbilled.invoice')}</Link>
            </Button>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

/** The dashboard's money rows, each a field of PeriodMoney without its Ore suffix. */
const MONEY_MEASURES = ['invoiced', 'vat', 'paid', 'outstanding'] as const satisfies readonly (keyof PeriodMoney extends `${infer M}Ore`
  ? M
  : never)[];
