// The active workspace when the signed-in user owns it; profile and hours are the owner's alone.
import { ActionError } from '@/lib/actions/action';
import type { ActiveWorkspace } from '@/lib/db/transaction';

export function requireOwner(workspace: ActiveWorkspace | null): string {
  if (!workspace || workspace.role !== 'owner') throw new ActionError('errors.forbidden');
  return workspace.id;
}
