// The workspace a map request acts in: only its owner edits the mind-map (accountants never see it).
import type { ActiveWorkspace } from '@/lib/db/transaction';
import { HttpError } from './http';

export function ownedWorkspace(workspace: ActiveWorkspace | null): string {
  if (!workspace || workspace.role !== 'owner') throw new HttpError(403, 'db.forbidden');
  return workspace.id;
}
