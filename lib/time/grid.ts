// The week grid: rows = nodes with hours that week, columns = Monday–Sunday, cells = the day's
// total. Typing a total changes the day's newest unbilled entry (or adds one), so hours logged
// in other ways and billed hours stay as they are.
import { ActionError } from '@/lib/actions/action';
import type { Tx } from '@/lib/db/transaction';
import { ENTRY_JOINS, requireTimeNode } from './entries';
import { timeNodesSql, type TimeNode } from './nodes';
import type { RoundingStep } from './rounding';

export interface GridRow {
  nodeId: string;
  path: string;
  /** Minutes per day, Monday first. */
  minutes: number[];
  /** Per day, the minutes a cell cannot go below (billed or older entries). */
  floor: number[];
  /** Per day, whether some of its hours are on a sent invoice (locked). */
  locked: boolean[];
}

// Which of a day's entries a typed total changes: the newest unbilled one, the id breaking ties
// between entries made in one transaction, so the floor the grid shows is the one the write keeps.
const newestEditableFirst = (e: string) => `(${e}.invoice_line_id is null) desc, ${e}.created_at desc, ${e}.id desc`;

/** Rows as weekGrid returns them; $1 = workspace id, $2 = the Monday. */
const WEEK_GRID_SQL = `with week as (
       select e.node_id, (e.entry_date - $2::date) as d, e.minutes,
              row_number() over (partition by e.node_id, e.entry_date order by ${newestEditableFirst('e')}) as rank,
              e.invoice_line_id is null as editable,
              coalesce(i.status <> 'draft', false) as locked
         from public.time_entries e
         ${ENTRY_JOINS}
        where e.workspace_id = $1 and e.entry_date between $2::date and $2::date + 6
     ), cells as (
       select node_id, d, sum(minutes)::int as total,
              (sum(minutes) - coalesce(sum(minutes) filter (where rank = 1 and editable), 0))::int as floor,
              bool_or(locked) as locked
         from week group by node_id, d
     ), paths as (
       select p.id, p.path from public.node_paths(array(select distinct c.node_id from cells c)) p
     )
     select p.id as "nodeId", p.path,
            array_agg(coalesce(c.total, 0) order by g) as minutes,
            array_agg(coalesce(c.floor, 0) order by g) as floor,
            array_agg(coalesce(c.locked, false) order by g) as locked
       from paths p cross join generate_series(0, 6) g left join cells c on c.node_id = p.id and c.d = g
      group by p.id, p.path
      order by p.path, p.id`;

export async function weekGrid(tx: Tx, workspaceId: string, monday: string): Promise<GridRow[]> {
  const { rows } = await tx.query<GridRow>(WEEK_GRID_SQL, [workspaceId, monday]);
  return rows;
}

/** The week grid page's data, nodes to add rows from and the rounding rule included, in one round trip. */
export async function loadWeekGridData(
  tx: Tx,
  workspaceId: string,
  monday: string,
): Promise<{ nodes: TimeNode[]; rows: GridRow[]; rounding: RoundingStep }> {
  const { rows } = await tx.query<{ nodes: TimeNode[] | null; rows: GridRow[] | null; rounding: RoundingStep | null }>(
    `select (select json_agg(n) from (${timeNodesSql('$1')}) n) as nodes, (select json_agg(g) from (${WEEK_GRID_SQL}) g) as rows,
            (select bp.time_rounding_minutes from public.business_profiles bp where bp.workspace_id = $1) as rounding`,
    [workspaceId, monday],
  );
  return { nodes: rows[0].nodes ?? [], rows: rows[0].rows ?? [], rounding: rows[0].rounding ?? 0 };
}

/** Sets the day's total on a node to `total` minutes by changing its newest unbilled entry. */
export async function setDayTotal(tx: Tx, workspaceId: string, nodeId: string, day: string, total: number): Promise<void> {
  // The grid has no node field: the refusal is the form's.
  await requireTimeNode(tx, workspaceId, nodeId, undefined);
  const { rows } = await tx.query<{ id: string; minutes: number; editable: boolean }>(
    `select e.id, e.minutes, e.invoice_line_id is null as editable from public.time_entries e
      where e.workspace_id = $1 and e.node_id = $2 and e.entry_date = $3
      order by ${newestEditableFirst('e')} for update`,
    [workspaceId, nodeId, day],
  );
  const editable = rows[0]?.editable ? rows[0] : null;
  const fixed = rows.reduce((sum, r) => sum + r.minutes, 0) - (editable?.minutes ?? 0);
  const own = total - fixed;
  if (own < 0) throw new ActionError('time.errors.belowFixed');
  if (editable && own === 0) await tx.query(`delete from public.time_entries where id = $1`, [editable.id]);
  else if (editable) await tx.query(`update public.time_entries set minutes = $2 where id = $1`, [editable.id, own]);
  else if (own > 0)
    await tx.query(
      `insert into public.time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore)
       values ($1, $2, $3, $4, public.default_hourly_rate_ore($2))`,
      [workspaceId, nodeId, day, own],
    );
}
