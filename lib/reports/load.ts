// The reports as a page or a download asks for them: the period from the query string (or the
// last one that has ended, per the workspace's VAT period), read as the user.
import type { Tx } from '@/lib/db/transaction';
import { readBookkeepingSettings } from '@/lib/exports/sie/accounts';
import { today } from '@/lib/time/week';
import { ecSalesList } from './ec-sales-list';
import { parsePeriodCode, periodCodeOf, previousPeriodCode, type ReportPeriod } from './periods';
import { vatReturn } from './vat-return';

export type PeriodProblem = 'invalid' | 'monthOrQuarter';

/** The period a code names; without one, the last period of that kind that has ended. */
export function choosePeriod(code: string | null, kind: ReportPeriod['kind'], startMonth: number): ReportPeriod | PeriodProblem {
  const chosen = code?.trim() || previousPeriodCode(periodCodeOf(today(), kind, startMonth), startMonth);
  return parsePeriodCode(chosen, startMonth) ?? 'invalid';
}

export async function loadVatReturn(tx: Tx, workspaceId: string, code: string | null) {
  const settings = await readBookkeepingSettings(tx, workspaceId);
  const period = choosePeriod(code, settings.vatPeriod, settings.fiscalYearStartMonth);
  return typeof period === 'string' ? period : vatReturn(tx, workspaceId, period);
}

export async function loadEcSalesList(tx: Tx, workspaceId: string, code: string | null) {
  const settings = await readBookkeepingSettings(tx, workspaceId);
  // Services are listed per quarter unless the VAT return is monthly.
  const period = choosePeriod(code, settings.vatPeriod === 'month' ? 'month' : 'quarter', settings.fiscalYearStartMonth);
  if (typeof period === 'string') return period;
  if (period.kind === 'year') return 'monthOrQuarter';
  return ecSalesList(tx, workspaceId, period);
}

export const PERIOD_MESSAGE = { invalid: 'reports.invalidPeriod', monthOrQuarter: 'reports.ec.monthOrQuarter' } as const;
