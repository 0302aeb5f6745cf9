// Issues 3 and 15's goals (PostgreSQL 15): the main reads as `authenticated` (RLS) ÷ the same SQL
// as service_role (bypasses RLS), side by side, goal ≤ 1.15, on the 5-year dataset and on one of
// 200 tenants with 2 years each in the same tables, and the same for the statements the dashboard
// and the week grid send; an insert with its audit trigger ÷ without, goal ≤ 1.5; and the plans,
// to show the indexes in use.
// Each read is measured three ways: as a whole request (the user's opening included, which
// bench/transaction-as-user.ts measures on its own), as the statement alone inside a transaction
// already open, which is what the policies add to each read, and as that statement planned and run
// in a loop inside the server, which leaves out the round trip both sides pay.
import pg from 'pg';
import { loadDashboard } from '../lib/dashboard/queries';
import { withUserTransaction, type Tx } from '../lib/db/transaction';
import { loadWeekGridData } from '../lib/time/grid';
import { addDays } from '../lib/time/week';
import { createPg15Copy, preparePg15Template, stopPg15 } from '../tests/support/pg15';
import { benchClaims, cloneTenant, emit, median, medianMs, round, seedDemo, sideBySide, sideBySideTimed } from './support';

// The four reads, written out as they stood when it set the goal.
const READS: Record<string, string> = {
  unbilled_per_client: `
    with recursive tree as (
      select id, id as client_id from public.nodes where workspace_id = $1 and kind = 'client'
      union all
      select n.id, tree.client_id from public.nodes n join tree on n.parent_id = tree.id where n.workspace_id = $1
    )
    select tree.client_id, sum(t.minutes) as minutes, sum(t.minutes * t.hourly_rate_ore / 60) as amount_ore
    from public.time_entries t join tree on tree.id = t.node_id
    where t.workspace_id = $1 and t.billable and t.invoice_line_id is null
    group by tree.client_id`,
  invoice_list_page: `
    select i.id, i.number, i.status, i.issue_date, i.due_date, i.total_ore, cd.name
    from public.invoices i left join public.client_details cd on cd.node_id = i.client_node_id
    where i.workspace_id = $1
    order by i.issue_date desc nulls first, i.number desc
    limit 50`,
  week_of_entries: `
    select t.id, t.entry_date, t.minutes, t.description, n.title
    from public.time_entries t join public.nodes n on n.id = t.node_id
    where t.workspace_id = $1 and t.entry_date between $2::date and $2::date + 6
    order by t.entry_date`,
  dashboard_totals: `
    select
      (select coalesce(sum(minutes), 0) from public.time_entries where workspace_id = $1 and entry_date >= date_trunc('week', $2::date)::date) as week_minutes,
      (select coalesce(sum(minutes), 0) from public.time_entries where workspace_id = $1 and entry_date >= date_trunc('month', $2::date)::date) as month_minutes,
      (select coalesce(sum(total_ore), 0) from public.invoices where workspace_id = $1 and status = 'sent') as outstanding_ore,
      (select count(*) from public.invoices where workspace_id = $1 and status = 'sent' and due_date < $2::date) as overdue`,
};

// The statements two pages send, taken from their loaders, so what the user waits for is measured
// as well (both name the workspace, so the bypass reads the same rows; the invoice list leaves
// that to RLS and is measured by invoice_list_page above).
const PAGES: Record<string, (tx: Tx, workspaceId: string, monday: string) => Promise<unknown>> = {
  dashboard_page: (tx, workspaceId, monday) => loadDashboard(tx, workspaceId, addDays(monday, 6)),
  week_grid_page: (tx, workspaceId, monday) => loadWeekGridData(tx, workspaceId, monday),
};

const template = await preparePg15Template();
const copy = await createPg15Copy(template.adminUrl, template.template);
try {
  // Another tenant's rows share the tables, as in production.
  const tenant = await seedDemo(copy.adminUrl, 2, 'annan-konsult@konsultverkstad.test');
  const data = await seedDemo(copy.adminUrl, 5, 'skala@konsultverkstad.test');
  const pool = new pg.Pool({ connectionString: copy.adminUrl, max: 2 });
  // The copy stops while the pool is idle when a read fails; the read's error is the one to show.
  pool.on('error', () => {});
  await cloneTenant(pool, tenant.workspaceId, 199);
  await pool.query('analyze');
  // The owner of a tenant, with a live session, and the Monday of its last week of entries.
  async function tenantOf(workspaceId: string) {
    const { rows } = await pool.query(
      `select m.user_id, (select (max(entry_date) - 6)::text from public.time_entries where workspace_id = $1) as monday
         from public.workspace_members m where m.workspace_id = $1 and m.role = 'owner'`,
      [workspaceId],
    );
    return { claims: await benchClaims(pool, rows[0].user_id), params: [workspaceId, rows[0].monday] };
  }
  // The one statement a page's loader sends, as it sends it.
  async function pageStatement(claims: Awaited<ReturnType<typeof benchClaims>>, load: (tx: Tx) => Promise<unknown>) {
    const sent: { sql: string; values: unknown[] }[] = [];
    await withUserTransaction(
      claims,
      (tx) =>
        load({
          query: (sql: string, values: unknown[]) => {
            sent.push({ sql, values });
            return tx.query(sql, values);
          },
        } as unknown as Tx),
      { pool },
    );
    if (sent.length !== 1) throw new Error(`a page loader sent ${sent.length} statements`);
    return sent[0];
  }
  const { rows: tenants } = await pool.query(`select count(*)::int as n from public.workspaces`);
  emit({ bench: 'dataset', entries: data.entries, invoices_sent: data.invoicesSent, workspaces: tenants[0].n });

  async function asServiceRole<T>(fn: (c: pg.PoolClient) => Promise<T>) {
    const c = await pool.connect();
    try {
      await c.query(`begin; select set_config('role', 'service_role', true)`);
      const result = await fn(c);
      await c.query('commit');
      return result;
    } finally {
      c.release();
    }
  }
  const bypass = (sql: string, values: unknown[]) => asServiceRole((c) => c.query(sql, values));
  // The median of 20 runs of the statement in one transaction, the first one left out (it plans).
  async function statementMs(tx: Pick<pg.PoolClient, 'query'>, sql: string, values: unknown[]) {
    await tx.query(sql, values);
    return medianMs(20, () => tx.query(sql, values));
  }
  // The statement planned and run SERVER_RUNS times inside the server (plpgsql EXECUTE plans each
  // run, as an unnamed statement is), timed there: no round trip, so the microseconds the policies
  // add are not lost in the network's noise. Values go in as literals, as the planner sees them.
  const SERVER_RUNS = 300;
  async function serverMs(tx: pg.PoolClient, sql: string, values: unknown[]) {
    const text = sql.replace(/\$(\d+)/g, (_, i) => tx.escapeLiteral(String(values[Number(i) - 1])));
    const results = (await tx.query(`
      do $loop$
      declare started timestamptz;
      begin
        execute $statement$${text}$statement$;
        started := clock_timestamp();
        for i in 1 .. ${SERVER_RUNS} loop
          execute $statement$${text}$statement$;
        end loop;
        perform set_config('bench.server_ms', (extract(epoch from clock_timestamp() - started) * 1000 / ${SERVER_RUNS})::text, true);
      end
      $loop$;
      select current_setting('bench.server_ms') as ms`)) as unknown as pg.QueryResult[];
    return Number(results[1].rows[0].ms);
  }

  for (const [dataset, workspaceId] of [
    ['5_years', data.workspaceId],
    ['200_tenants_2_years', tenant.workspaceId],
  ] as const) {
    const { claims, params } = await tenantOf(workspaceId);
    const reads = Object.entries(READS).map(([name, sql]) => ({ name, sql, values: sql.includes('$2') ? params : params.slice(0, 1) }));
    for (const [name, load] of Object.entries(PAGES)) {
      reads.push({ name, ...(await pageStatement(claims, (tx) => load(tx, params[0], params[1]))) });
    }
    for (const { name, sql, values } of reads) {
      const asUser = () => withUserTransaction(claims, (tx) => tx.query(sql, values), { pool });
      const [mine, all] = [await asUser(), await bypass(sql, values)];
      if (mine.rowCount !== all.rowCount) throw new Error(`${name}: RLS changed the result (${mine.rowCount} vs ${all.rowCount} rows)`);
      if (name in PAGES && JSON.stringify(mine.rows) !== JSON.stringify(all.rows))
        throw new Error(`${name}: RLS changed the rows' contents`);
      for (let i = 0; i < 20; i++) {
        await asUser();
        await bypass(sql, values);
      }
      const r = await sideBySide(11, 20, asUser, () => bypass(sql, values));
      const statement = await sideBySideTimed(
        11,
        () => withUserTransaction(claims, (tx) => statementMs(tx, sql, values), { pool }),
        () => asServiceRole((c) => statementMs(c, sql, values)),
      );
      const server = await sideBySideTimed(
        11,
        () => withUserTransaction(claims, (tx) => serverMs(tx, sql, values), { pool }),
        () => asServiceRole((c) => serverMs(c, sql, values)),
      );
      const plan = await withUserTransaction(claims, (tx) => tx.query(`explain ${sql}`, values), { pool });
      const indexes = [
        ...new Set(
          plan.rows
            .map((row) => String(row['QUERY PLAN']))
            .flatMap((line) => [...line.matchAll(/(?:Scan using|Bitmap Index Scan on) (\w+)/g)].map((m) => m[1])),
        ),
      ];
      emit({
        bench: 'rls_read',
        dataset,
        query: name,
        rows: mine.rowCount,
        authenticated_ms: r.aMs,
        bypass_ms: r.bMs,
        ratio: r.ratio,
        statement_authenticated_ms: statement.aMs,
        statement_bypass_ms: statement.bMs,
        statement_ratio: statement.ratio,
        server_authenticated_ms: server.aMs,
        server_bypass_ms: server.bMs,
        server_ratio: server.ratio,
        goal: 1.15,
        indexes_used: indexes,
      });
    }
  }
  const { claims } = await tenantOf(data.workspaceId);

  // Audit trigger cost: the same inserts as the owner with and without the trigger (on a copy).
  const { rows: nodes } = await pool.query(`select id from public.nodes where workspace_id = $1 and kind = 'task' limit 1`, [
    data.workspaceId,
  ]);
  const insert = () =>
    withUserTransaction(
      claims,
      (tx) =>
        tx.query(
          `insert into public.time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description) values ($1, $2, current_date, 60, 100000, 'bench')`,
          [data.workspaceId, nodes[0].id],
        ),
      { pool },
    );
  // Rounds alternate the trigger on and off (as superuser, outside the timed inserts).
  const withAudit: number[] = [];
  const withoutAudit: number[] = [];
  for (let round = 0; round < 11; round++) {
    await pool.query('alter table public.time_entries enable trigger time_entries_audit');
    withAudit.push(await medianMs(20, insert));
    await pool.query('alter table public.time_entries disable trigger time_entries_audit');
    withoutAudit.push(await medianMs(20, insert));
  }
  await pool.query('alter table public.time_entries enable trigger time_entries_audit');
  const r = { aMs: round(median(withAudit)), bMs: round(median(withoutAudit)), ratio: round(median(withAudit) / median(withoutAudit)) };
  emit({ bench: 'insert_with_audit_vs_without', with_audit_ms: r.aMs, without_ms: r.bMs, ratio: r.ratio, goal: 1.5 });
  await pool.end();
} finally {
  await copy.stop();
  await stopPg15();
}
