// The user's active workspace lives in their token (user_metadata.active_workspace_id), which
// lib/db/transaction.ts reads when it opens a transaction. Saved through the Auth API, then the
// session is refreshed so the next request carries it. Never inside a transaction.
import { createClient } from '@/lib/supabase/server';

export async function saveActiveWorkspace(workspaceId: string): Promise<void> {
  const supabase = await createClient();
  const { error } = await supabase.auth.updateUser({ data: { active_workspace_id: workspaceId } });
  if (error) throw error;
  const refreshed = await supabase.auth.refreshSession();
  if (refreshed.error) throw refreshed.error;
}
