// Everything the dashboard shows in ONE statement (one round trip after the transaction opens):
// unbilled hours and amount per client, hours this week and month, outstanding and overdue
// invoices, hours per ISO week for the last 12 weeks, what was invoiced, paid and is still
// outstanding (and its VAT) this month, quarter and year and per month for the last 12 months,
// and whether onboarding is still due.
import type { Tx } from '@/lib/db/transaction';
import { mondayOf } from '@/lib/time/week';

export interface DashboardData {
  workspaceName: string;
  onboardingDone: boolean;
  /** What an invoice needs from the seller (send_invoice checks the same). */
  profileComplete: boolean;
  unbilled: { clientId: string; name: string; minutes: number; amountOre: number }[];
  weekMinutes: number;
  monthMinutes: number;
  outstanding: { count: number; totalOre: number };
  overdue: { count: number; totalOre: number };
  weeks: { monday: string; minutes: number; billableMinutes: number }[];
  money: { periods: Record<MoneyPeriod, PeriodMoney>; months: MonthMoney[] };
}

export const MONEY_PERIODS = ['month', 'quarter', 'year'] as const;
export type MoneyPeriod = (typeof MONEY_PERIODS)[number];

/**
 * Öre for invoices and credit notes issued in the period (sent ones; credit notes subtract):
 * invoiced excl. VAT, their VAT, and what of those invoices is still to pay; paid is every payment
 * that arrived in the period (reversals subtract), whenever its invoice was issued.
 */
export interface PeriodMoney {
  invoicedOre: number;
  vatOre: number;
  paidOre: number;
  outstandingOre: number;
}

export interface MonthMoney {
  /** First day of the month, YYYY-MM-01. */
  month: string;
  invoicedOre: number;
  vatOre: number;
  paidOre: number;
}

export const DASHBOARD_SQL = `
  with recursive tree as (
    select n.id, n.id as client_id, n.title as client_title from public.nodes n where n.workspace_id = $1 and n.kind = 'client'
    union all
    select n.id, tree.client_id, tree.client_title from public.nodes n join tree on n.parent_id = tree.id where n.workspace_id = $1
  ), unbilled as (
    select tree.client_id, tree.client_title, sum(t.minutes)::float8 as minutes,
           round(sum(t.minutes::numeric * t.hourly_rate_ore) / 60)::float8 as amount_ore
      from public.time_entries t join tree on tree.id = t.node_id
     where t.workspace_id = $1 and t.billable and t.invoice_line_id is null
     group by tree.client_id, tree.client_title
  ), days as (
    -- Minutes per day over the chart's 12 weeks and this month (which starts inside them and may
    -- end after them), in one scan of the entries.
    select t.entry_date, sum(t.minutes) as minutes, coalesce(sum(t.minutes) filter (where t.billable), 0) as billable_minutes
      from public.time_entries t
     where t.workspace_id = $1
       and t.entry_date between $3::date - 77 and greatest($3::date + 6, ($4::date + interval '1 month')::date - 1)
     group by 1
  ), recent as (
    select date_trunc('week', d.entry_date)::date as monday, sum(d.minutes)::float8 as minutes,
           sum(d.billable_minutes)::float8 as billable_minutes
      from days d
     where d.entry_date between $3::date - 77 and $3::date + 6
     group by 1
  ), profile as (
    select p.onboarding_done_at is not null as onboarding_done,
           p.legal_name <> '' and p.org_number is not null and p.address_line1 is not null and p.postal_code is not null
             and p.city is not null and coalesce(p.bankgiro, p.plusgiro, p.iban) is not null as complete
      from public.business_profiles p where p.workspace_id = $1
  ), issued as (
    select i.kind, i.status, i.issue_date, i.net_ore, i.vat_ore, i.total_ore - i.paid_ore - i.credited_ore as left_ore
      from public.invoices i
     where i.workspace_id = $1 and i.status <> 'draft' and i.issue_date >= $7::date
  ), received as (
    select p.paid_on, p.amount_ore from public.invoice_payments p where p.workspace_id = $1 and p.paid_on >= $7::date
  ), sent as (
    -- What is left to pay after payments and credit notes (credit notes themselves ask for nothing).
    select i.total_ore - i.paid_ore - i.credited_ore as outstanding_ore, i.due_date from public.invoices i
     where i.workspace_id = $1 and i.kind = 'invoice' and i.status in ('sent', 'partly_paid')
  )
  select json_build_object(
    'workspaceName', (select w.name from public.workspaces w where w.id = $1),
    'onboardingDone', (select onboarding_done from profile),
    'profileComplete', (select complete from profile),
    'unbilled', coalesce((select json_agg(json_build_object('clientId', u.client_id, 'name', coalesce(cd.name, u.client_title),
                            'minutes', u.minutes, 'amountOre', u.amount_ore) order by u.amount_ore desc, u.minutes desc)
                          from unbilled u left join public.client_details cd on cd.node_id = u.client_id), '[]'),
    'weekMinutes', (select coalesce(sum(d.minutes), 0) from days d where d.entry_date between $3::date and $3::date + 6),
    'monthMinutes', (select coalesce(sum(d.minutes), 0) from days d
                      where d.entry_date >= $4::date and d.entry_date < ($4::date + interval '1 month')::date),
    'outstanding', (select json_build_object('count', count(*), 'totalOre', coalesce(sum(outstanding_ore), 0)) from sent),
    'overdue', (select json_build_object('count', count(*), 'totalOre', coalesce(sum(outstanding_ore), 0)) from sent where due_date < $2::date),
    'weeks', (select json_agg(json_build_object('monday', w.monday, 'minutes', coalesce(r.minutes, 0),
                'billableMinutes', coalesce(r.billable_minutes, 0)) order by w.monday)
                from generate_series(0, 11) k
                cross join lateral (select $3::date - (11 - k) * 7 as monday) w
                left join recent r on r.monday = w.monday),
    'money', json_build_object(
      'periods', (select json_object_agg(b.name, json_build_object(
                    'invoicedOre', (select coalesce(sum(net_ore), 0)::float8 from issued where issue_date >= b.start),
                    'vatOre', (select coalesce(sum(vat_ore), 0)::float8 from issued where issue_date >= b.start),
                    'paidOre', (select coalesce(sum(amount_ore), 0)::float8 from received where paid_on >= b.start),
                    'outstandingOre', (select coalesce(sum(left_ore), 0)::float8 from issued
                                        where issue_date >= b.start and kind = 'invoice' and status in ('sent', 'partly_paid'))))
                    from (values ('month', $4::date), ('quarter', $5::date), ('year', $6::date)) b (name, start)),
      'months', (select json_agg(json_build_object(
                   'month', m.start,
                   'invoicedOre', (select coalesce(sum(net_ore), 0)::float8 from issued where issue_date >= m.start and issue_date < m.next),
                   'vatOre', (select coalesce(sum(vat_ore), 0)::float8 from issued where issue_date >= m.start and issue_date < m.next),
                   'paidOre', (select coalesce(sum(amount_ore), 0)::float8 from received where paid_on >= m.start and paid_on < m.next))
                   order by m.start)
                   from generate_series(0, 11) k
                   cross join lateral (select ($4::date - make_interval(months => 11 - k))::date as start,
                                              ($4::date - make_interval(months => 10 - k))::date as next) m))
  ) as data`;

/** The first day of the month, quarter and year `today` is in, and of the 12-month window before it (YYYY-MM-DD). */
export function periodStarts(today: string) {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const first = (y: number, m: number) => `${m < 1 ? y - 1 : y}-${String(m < 1 ? m + 12 : m).padStart(2, '0')}-01`;
  const yearStart = first(year, 1);
  const windowStart = first(year, month - 11);
  return {
    month: first(year, month),
    quarter: first(year, month - ((month - 1) % 3)),
    year: yearStart,
    /** The earlier of the year's start and the first of the 12 months the chart shows. */
    since: windowStart < yearStart ? windowStart : yearStart,
  };
}

/** The dashboard of the workspace on `today` (a Stockholm calendar day). */
export async function loadDashboard(tx: Tx, workspaceId: string, today: string): Promise<DashboardData> {
  // Period bounds as plain parameters, so the planner uses the date indexes under RLS.
  const starts = periodStarts(today);
  const { rows } = await tx.query<{ data: DashboardData }>(DASHBOARD_SQL, [
    workspaceId,
    today,
    mondayOf(today),
    starts.month,
    starts.quarter,
    starts.year,
    starts.since,
  ]);
  return rows[0].data;
}
