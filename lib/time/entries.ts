// Time entries of the owner's workspace: listing with lock state, and writes. Every write names
// the workspace and lets RLS and the triggers decide; a row that is not there is "not found".
import { ActionError } from '@/lib/actions/action';
import type { Tx } from '@/lib/db/transaction';
import type { EntryInput } from './schema';

export interface TimeEntry {
  id: string;
  nodeId: string;
  path: string;
  entryDate: string;
  minutes: number;
  hourlyRateOre: number;
  description: string;
  billable: boolean;
  /** The invoice billing these hours, if any, and whether it has left draft (then locked). */
  invoiceId: string | null;
  locked: boolean;
}

const ENTRY_COLUMNS = `e.id, e.node_id as "nodeId", e.entry_date::text as "entryDate", e.minutes,
  e.hourly_rate_ore::float8 as "hourlyRateOre", e.description, e.billable,
  l.invoice_id as "invoiceId", coalesce(i.status <> 'draft', false) as locked`;

/** An entry's (alias e) invoice line and invoice, if billed. Naming the workspace ($1) on them too
 * lets the planner read only its lines, where RLS's own filter would make it scan every tenant's. */
export const ENTRY_JOINS = `left join public.invoice_lines l on l.id = e.invoice_line_id and l.workspace_id = $1
  left join public.invoices i on i.id = l.invoice_id and i.workspace_id = $1`;

/** The entries `where` selects (on alias t), with their node's path, all paths read in one pass. */
const entriesSql = (where: string) => `with entries as (select t.* from public.time_entries t where ${where})
  select ${ENTRY_COLUMNS}, p.path from entries e ${ENTRY_JOINS}
    left join public.node_paths(array(select distinct node_id from entries)) p on p.id = e.node_id`;

export async function listEntries(tx: Tx, workspaceId: string, from: string, to: string): Promise<TimeEntry[]> {
  const { rows } = await tx.query<TimeEntry>(
    `${entriesSql('t.workspace_id = $1 and t.entry_date between $2 and $3')} order by e.entry_date desc, e.created_at desc, e.id`,
    [workspaceId, from, to],
  );
  return rows;
}

export async function getEntry(tx: Tx, workspaceId: string, id: string): Promise<TimeEntry | null> {
  const { rows } = await tx.query<TimeEntry>(entriesSql('t.workspace_id = $1 and t.id = $2'), [workspaceId, id]);
  return rows[0] ?? null;
}

/**
 * Node must be one of the workspace's clients, projects or tasks (else "not found", on the form's
 * node field when it has one).
 */
export async function requireTimeNode(tx: Tx, workspaceId: string, nodeId: string, field: 'nodeId' | undefined = 'nodeId') {
  const { rowCount } = await tx.query(
    `select 1 from public.nodes where workspace_id = $1 and id = $2 and kind in ('client', 'project', 'task')`,
    [workspaceId, nodeId],
  );
  if (!rowCount) throw new ActionError('time.errors.nodeNotFound', field);
}

/** Saves the entry; returns its id and the minutes stored (after the workspace's rounding). */
export async function saveEntry(tx: Tx, workspaceId: string, input: EntryInput): Promise<{ id: string; minutes: number }> {
  await requireTimeNode(tx, workspaceId, input.nodeId);
  const rate = `coalesce($5::bigint, public.default_hourly_rate_ore($2))`;
  const params = [workspaceId, input.nodeId, input.entryDate, input.minutes, input.hourlyRate, input.description, input.billable];
  if (!input.id) {
    const { rows } = await tx.query<{ id: string; minutes: number }>(
      `insert into public.time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description, billable)
       values ($1, $2, $3, $4, ${rate}, $6, $7) returning id, minutes`,
      params,
    );
    return rows[0];
  }
  const { rows } = await tx.query<{ id: string; minutes: number }>(
    `update public.time_entries set node_id = $2, entry_date = $3, minutes = $4, hourly_rate_ore = ${rate},
            description = $6, billable = $7
      where workspace_id = $1 and id = $8 returning id, minutes`,
    [...params, input.id],
  );
  if (!rows[0]) throw new ActionError('time.errors.entryNotFound');
  return rows[0];
}

/** Undoes the user's deletion of the entry (within the hour), exactly as it was: see restore_time_entry(). */
export async function restoreEntry(tx: Tx, id: string): Promise<void> {
  await tx.query(`select id from public.restore_time_entry($1)`, [id]);
}

export async function deleteEntry(tx: Tx, workspaceId: string, id: string): Promise<void> {
  const { rowCount } = await tx.query(`delete from public.time_entries where workspace_id = $1 and id = $2`, [workspaceId, id]);
  if (!rowCount) throw new ActionError('time.errors.entryNotFound');
}
