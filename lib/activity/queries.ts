// A node's history from the audit log: its own rows, its client details' rows (row id = node id)
// and the rows of the time entries logged on it now.
// Drags on the canvas (position-only updates) are left out: a day of moving nodes around would
// push every meaningful change out of the list.
import type { Tx } from '@/lib/db/transaction';
import type { AuditRow } from './describe';

export async function nodeAuditRows(tx: Tx, workspaceId: string, nodeId: string, limit = 100): Promise<AuditRow[]> {
  const { rows } = await tx.query<AuditRow>(
    `select id::text, table_name as "tableName", action, actor_id as "actorId", occurred_at as "occurredAt",
            old_values as "oldValues", new_values as "newValues"
       from public.audit_log
      where workspace_id = $1
        and ((row_id = $2 and table_name in ('nodes', 'client_details'))
          or (table_name = 'time_entries'
              and row_id in (select t.id::text from public.time_entries t where t.workspace_id = $1 and t.node_id = $2::uuid)))
        and not (action = 'update' and coalesce(new_values, '{}') - 'position_x' - 'position_y' = '{}'::jsonb)
      order by seq desc
      limit $3`,
    [workspaceId, nodeId, limit],
  );
  return rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt).toISOString() }));
}
