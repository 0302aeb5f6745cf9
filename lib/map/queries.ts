// SQL for the mind-map. Every function takes the user's transaction: RLS decides what exists,
// so another tenant's id simply finds no row.
import type { Tx } from '@/lib/db/transaction';
import type { CreateNodeInput, NodePatchInput } from './schemas';
import type { MapNode } from './types';

const COLUMNS = `id, parent_id as "parentId", kind, title, body, position_x as x, position_y as y, colour,
  archived_at as "archivedAt"`;

export async function listNodes(tx: Tx, workspaceId: string): Promise<MapNode[]> {
  const { rows } = await tx.query<MapNode>(`select ${COLUMNS} from public.nodes where workspace_id = $1 order by created_at, id`, [
    workspaceId,
  ]);
  return rows;
}

export async function getNode(tx: Tx, id: string): Promise<MapNode | null> {
  const { rows } = await tx.query<MapNode>(`select ${COLUMNS} from public.nodes where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function createNode(tx: Tx, workspaceId: string, input: CreateNodeInput): Promise<MapNode> {
  const { rows } = await tx.query<MapNode>(
    `insert into public.nodes (workspace_id, parent_id, kind, title, position_x, position_y)
     values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
    [workspaceId, input.parentId, input.kind, input.title, input.x, input.y],
  );
  return rows[0];
}

/** Applies the patch; null when the node is not the user's (or does not exist). */
export async function updateNode(tx: Tx, id: string, patch: NodePatchInput): Promise<MapNode | null> {
  const sets: string[] = [];
  const values: unknown[] = [id];
  const set = (column: string, value: unknown) => {
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  };
  if (patch.title !== undefined) set('title', patch.title);
  if (patch.body !== undefined) set('body', patch.body);
  if (patch.x !== undefined) set('position_x', patch.x);
  if (patch.y !== undefined) set('position_y', patch.y);
  if (patch.colour !== undefined) set('colour', patch.colour);
  // Archiving keeps the first archive time; restoring clears it.
  if (patch.archived !== undefined) sets.push(patch.archived ? 'archived_at = coalesce(archived_at, now())' : 'archived_at = null');
  const { rows } = await tx.query<MapNode>(`update public.nodes set ${sets.join(', ')} where id = $1 returning ${COLUMNS}`, values);
  return rows[0] ?? null;
}
