// The clients, projects and tasks hours can go on, with their path and default hourly rate, in
// one recursive query (the rate is inherited down the tree from the nearest client details).
import type { Tx } from '@/lib/db/transaction';

export interface TimeNode {
  id: string;
  kind: 'client' | 'project' | 'task';
  /** "Kund › Projekt › Uppgift" */
  path: string;
  clientId: string;
  clientTitle: string;
  defaultRateOre: number;
}

/** Nodes as listTimeNodes returns them, of the workspace the SQL expression `workspace` names. */
export const timeNodesSql = (workspace: string) => `with recursive tree as (
       select n.id, n.kind, n.title::text as path, n.id as client_id, n.title as client_title,
              cd.default_hourly_rate_ore as rate, array[n.title::text] as sort_key
         from public.nodes n left join public.client_details cd on cd.node_id = n.id
        where n.workspace_id = ${workspace} and n.kind = 'client' and n.archived_at is null
       union all
       select c.id, c.kind, tree.path || ' › ' || c.title, tree.client_id, tree.client_title,
              tree.rate, tree.sort_key || c.title::text
         from public.nodes c join tree on c.parent_id = tree.id
        where c.workspace_id = ${workspace} and c.kind in ('project', 'task') and c.archived_at is null
     )
     select t.id, t.kind, t.path, t.client_id as "clientId", t.client_title as "clientTitle",
            coalesce(t.rate, (select bp.default_hourly_rate_ore from public.business_profiles bp where bp.workspace_id = ${workspace}), 0)::float8 as "defaultRateOre"
       from tree t order by t.sort_key, t.id`;

export async function listTimeNodes(tx: Tx, workspaceId: string): Promise<TimeNode[]> {
  const { rows } = await tx.query<TimeNode>(timeNodesSql('$1'), [workspaceId]);
  return rows;
}
