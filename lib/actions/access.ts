// Who may run a server action, declared once per action and checked by the wrapper before the
// handler starts, so no email, Storage write or job can happen for someone the database would
// refuse afterwards:
//   'public'  – anyone, signed in or not (sign-in, sign-up, password reset request);
//   'account' – a signed-in user acting on their own account (language, password, deletion,
//               accepting an invitation, switching workspace);
//   'owner'   – the owner of the active workspace, as the database says (private.choose_workspace).
import type { VerifiedClaims } from '@/lib/auth/verified-claims';
import { withUserTransaction, type ActiveWorkspace } from '@/lib/db/transaction';

export type Access = 'public' | 'account' | 'owner';

/** The active workspace when the database confirms the user owns it, else null. */
export async function ownedActiveWorkspace(claims: VerifiedClaims): Promise<ActiveWorkspace | null> {
  return withUserTransaction(claims, async (_tx, workspace) => (workspace?.role === 'owner' ? workspace : null));
}
