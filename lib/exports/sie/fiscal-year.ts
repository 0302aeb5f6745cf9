// Fiscal years from the workspace's first month: dates as ISO days, computed in UTC (no clock).
export interface Period {
  from: string;
  to: string;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
/** The last day of month m (1-12) of year y. */
export const lastDay = (y: number, m: number) => iso(y, m + 1, 0);

/** The fiscal year that starts in `startYear` (its first month `startMonth`). */
export function fiscalYear(startYear: number, startMonth: number): Period {
  return { from: iso(startYear, startMonth, 1), to: lastDay(startYear + 1, startMonth - 1) };
}

/** The start year of the fiscal year a day belongs to. */
export function fiscalYearStart(day: string, startMonth: number): number {
  const [y, m] = day.split('-').map(Number);
  return m >= startMonth ? y : y - 1;
}

/** Every fiscal year end on or before `to` and on or after `from`, ascending. */
export function fiscalYearEnds(from: string, to: string, startMonth: number): string[] {
  const ends: string[] = [];
  for (let y = fiscalYearStart(from, startMonth); ; y++) {
    const end = fiscalYear(y, startMonth).to;
    if (end > to) return ends;
    if (end >= from) ends.push(end);
  }
}

/** The file-name form of a fiscal year: 2025-05-01_2026-04-30. */
export const periodName = (p: Period) => `${p.from}_${p.to}`;
