// The periods the consultant reports to Skatteverket: a month (2026-03), a calendar quarter
// (2026-Q1) or, for the VAT return of an annual filer, the fiscal year (2025: the one starting
// in 2025). Codes are what the pages and downloads take in the query string.
import { fiscalYear, lastDay, type Period } from '@/lib/exports/sie/fiscal-year';
import type { VatPeriod } from '@/lib/exports/sie/accounts';

export interface ReportPeriod extends Period {
  code: string;
  kind: VatPeriod;
}

export function parsePeriodCode(code: string, fiscalYearStartMonth: number): ReportPeriod | null {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(code);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return { code, kind: 'month', from: `${m[1]}-${m[2]}-01`, to: lastDay(y, mo) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(code);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return { code, kind: 'quarter', from: `${m[1]}-${String(q * 3 - 2).padStart(2, '0')}-01`, to: lastDay(y, q * 3) };
  }
  m = /^(\d{4})$/.exec(code);
  if (m && Number(m[1]) >= 2000 && Number(m[1]) <= 2100) return { code, kind: 'year', ...fiscalYear(Number(m[1]), fiscalYearStartMonth) };
  return null;
}

/** The code of the period of `kind` that `day` falls in. */
export function periodCodeOf(day: string, kind: VatPeriod, fiscalYearStartMonth: number): string {
  const [y, m] = day.split('-').map(Number);
  if (kind === 'month') return day.slice(0, 7);
  if (kind === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  return String(m >= fiscalYearStartMonth ? y : y - 1);
}

/** The period before (for "previous period" links and the default: the last one ended). */
export function previousPeriodCode(code: string, fiscalYearStartMonth: number): string {
  const p = parsePeriodCode(code, fiscalYearStartMonth)!;
  const [y, m, d] = p.from.split('-').map(Number);
  const dayBefore = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  return periodCodeOf(dayBefore, p.kind, fiscalYearStartMonth);
}
