// The SIE file of one fiscal year (or a period inside it), read under RLS as the user: the
// workspace's bookkeeping settings, the seller's name and number as frozen on the invoices (an
// accountant cannot read the live profile), and the vouchers streamed from the ledger. Status,
// client and kind filters do not apply: a bookkeeping file is always whole.
import { z } from 'zod';
import type { Tx } from '@/lib/db/transaction';
import { isDay, today } from '@/lib/time/week';
import { readBookkeepingSettings } from './accounts';
import { fiscalYear, fiscalYearStart, periodName, type Period } from './fiscal-year';
import { ledgerVouchers } from './ledger';
import { writeSie } from './writer';

export const SIE_PROGRAM = { name: 'Konsultverkstad', version: '1.1' };

const day = z.string().refine(isDay);
/** ?year= (the calendar year the fiscal year starts in; default: the one today is in) and an optional from/to inside it. */
export const siePeriodSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  from: day.optional(),
  to: day.optional(),
});
export type SiePeriod = z.output<typeof siePeriodSchema>;

/** The query parameters an SIE export refuses: a filtered bookkeeping file would be partial. */
export const SIE_REFUSED_FILTERS = ['status', 'client', 'kind'] as const;

/** The fiscal year and the period inside it; null when from/to fall outside the year or cross. */
export function resolveSiePeriod(p: SiePeriod, startMonth: number): { year: Period; period: Period } | null {
  const year = fiscalYear(p.year ?? fiscalYearStart(p.from ?? today(), startMonth), startMonth);
  const period = { from: p.from ?? year.from, to: p.to ?? year.to };
  if (period.from < year.from || period.to > year.to || period.from > period.to) return null;
  return { year, period };
}

/** sie-2025-05-01_2026-04-30.si, with -period-… when a shorter period was chosen; .si is type 4I's extension. */
export function sieFileName(year: Period, period: Period): string {
  const whole = year.from === period.from && year.to === period.to;
  return `sie-${periodName(year)}${whole ? '' : `-period-${periodName(period)}`}.si`;
}

export class SiePeriodOutsideYear extends Error {}

export async function buildSieExport(tx: Tx, workspaceId: string, requested: SiePeriod, generated = new Date()) {
  const settings = await readBookkeepingSettings(tx, workspaceId);
  const resolved = resolveSiePeriod(requested, settings.fiscalYearStartMonth);
  if (!resolved) throw new SiePeriodOutsideYear();
  const seller = await tx.query<{ name: string; org: string | null }>(
    `select coalesce(nullif(i.seller_snapshot ->> 'legal_name', ''), w.name) as name, i.seller_snapshot ->> 'org_number' as org
       from public.workspaces w left join lateral (
         select seller_snapshot from public.invoices where workspace_id = w.id and status <> 'draft' order by sent_at desc limit 1) i on true
      where w.id = $1`,
    [workspaceId],
  );
  const company = seller.rows[0];
  const file = await writeSie(
    {
      program: SIE_PROGRAM,
      generated,
      orgNumber: company?.org ?? null,
      companyName: company?.name ?? '',
      fiscalYear: resolved.year,
      accounts: settings.accounts,
      series: settings.series,
    },
    ledgerVouchers(tx, settings, resolved.period),
  );
  return { ...file, fileName: sieFileName(resolved.year, resolved.period), ...resolved, method: settings.method };
}
