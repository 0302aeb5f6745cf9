// Whether the signed-in session still owes its second factor: the account has a verified TOTP
// factor and the token is below aal2. The database decides (private.second_factor_satisfied, the
// function every restrictive policy calls), so the app asks exactly what RLS enforces.
import type { VerifiedClaims } from '@/lib/auth/verified-claims';
import type { Tx } from '@/lib/db/transaction';

/** Where a session that owes its second factor is sent, whatever page it asked for. */
export const SECOND_STEP_PATH = '/login/kod';

export async function secondStepDue(tx: Tx, claims: VerifiedClaims): Promise<boolean> {
  if (claims.aal === 'aal2') return false;
  const { rows } = await tx.query<{ satisfied: boolean }>(`select private.second_factor_satisfied() as satisfied`);
  return rows[0]?.satisfied === false;
}
