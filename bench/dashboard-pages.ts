// Issue 4's goals on the 5-year dataset (PostgreSQL 15): server time of the dashboard's and the
// week grid's data path (the request's transaction with the layout's frame, as every page opens
// it, + the page's queries, as the page runs them) and SQL
// round trips per page (goal ≤ 3); the same for a tenant with 10× the hours, side by side in one
// database (goal: within 1.3×).
import pg from 'pg';
import type { Tx } from '../lib/db/transaction';
import { loadDashboard } from '../lib/dashboard/queries';
import { RequestTransaction } from '../lib/request/transaction';
import { loadWeekGridData } from '../lib/time/grid';
import { mondayOf } from '../lib/time/week';
import { createPg15Copy, preparePg15Template, stopPg15 } from '../tests/support/pg15';
import { benchClaims, emit, seedDemo, sideBySide } from './support';

const template = await preparePg15Template();
const copy = await createPg15Copy(template.adminUrl, template.template);
try {
  const base = await seedDemo(copy.adminUrl, 5, 'skala@konsultverkstad.test');
  const big = await seedDemo(copy.adminUrl, 5, 'skala-10x@konsultverkstad.test');
  const pool = new pg.Pool({ connectionString: copy.adminUrl, max: 2 });
  // 10× history: the second tenant's invoiced and non-billable hours copied nine times further
  // back in time, billed by the same invoice lines; the unbilled work in progress stays as it is
  // (triggers off for the copy: this is data volume, not app behaviour).
  await pool.query(`
    begin;
    set local session_replication_role = replica;
    insert into public.time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description, billable, invoice_line_id, created_at)
    select e.workspace_id, e.node_id, (e.entry_date - make_interval(years => 5 * k))::date, e.minutes, e.hourly_rate_ore, e.description, e.billable,
           e.invoice_line_id, e.created_at
      from public.time_entries e, generate_series(1, 9) k
     where e.workspace_id = '${big.workspaceId}' and not (e.billable and e.invoice_line_id is null);
    commit;
    analyze;`);

  // Every round trip a page makes goes through client.query; count them per page.
  let roundTrips = 0;
  const counted = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => {
    if (counted.has(client)) return;
    counted.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      roundTrips++;
      return query(...args);
    };
  });

  async function tenant(workspaceId: string) {
    const { rows } = await pool.query(
      `select m.user_id, (select count(*) from public.time_entries where workspace_id = $1)::int as entries,
              (select max(entry_date)::text from public.time_entries where workspace_id = $1) as today
         from public.workspace_members m where m.workspace_id = $1 and m.role = 'owner'`,
      [workspaceId],
    );
    const claims = await benchClaims(pool, rows[0].user_id);
    const today: string = rows[0].today;
    // One request: the frame (memberships, the header's timer) in the opening, then the page's read.
    const page = async <T>(load: (tx: Tx, workspaceId: string) => Promise<T>) => {
      const request = new RequestTransaction(claims, { pool, frame: true });
      try {
        return await request.run((tx, ws) => load(tx, ws!.id));
      } finally {
        await request.end();
      }
    };
    return {
      entries: rows[0].entries as number,
      dashboard: () => page((tx, id) => loadDashboard(tx, id, today)),
      weekGrid: () => page((tx, id) => loadWeekGridData(tx, id, mondayOf(today))),
    };
  }

  const one = await tenant(base.workspaceId);
  const ten = await tenant(big.workspaceId);
  emit({ bench: 'dashboard_dataset', entries_1x: one.entries, entries_10x: ten.entries });

  for (const page of ['dashboard', 'weekGrid'] as const) {
    for (let i = 0; i < 10; i++) {
      await one[page]();
      await ten[page]();
    }
    roundTrips = 0;
    const result = await one[page]();
    const trips = roundTrips;
    const r = await sideBySide(11, 10, ten[page], one[page]);
    emit({
      bench: 'page_data',
      page,
      round_trips: trips,
      round_trip_goal: 3,
      ms_1x: r.bMs,
      ms_10x: r.aMs,
      ratio_10x: r.ratio,
      ratio_goal: 1.3,
      rows: page === 'weekGrid' ? (result as { rows: unknown[] }).rows.length : (result as { unbilled: unknown[] }).unbilled.length,
    });
  }
  await pool.end();
} finally {
  await copy.stop();
  await stopPg15();
}
