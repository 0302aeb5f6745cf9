// Queries on the signed-in user's workspaces; RLS decides which rows exist for them.
import type { Tx } from './transaction';

export interface MyWorkspace {
  id: string;
  name: string;
  role: 'owner' | 'accountant';
  createdAt: Date;
}

export async function listMyWorkspaces(tx: Tx): Promise<MyWorkspace[]> {
  const { rows } = await tx.query<{ id: string; name: string; role: MyWorkspace['role']; created_at: Date }>(
    `select w.id, w.name, m.role, w.created_at
       from public.workspaces w
       join public.workspace_members m on m.workspace_id = w.id
      where m.user_id = (select auth.uid())
      order by m.role = 'owner' desc, w.created_at`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at }));
}
