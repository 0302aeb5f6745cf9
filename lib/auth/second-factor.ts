// A session owes its second factor when the account has a verified TOTP factor and the token is
// below aal2. The database decides (private.second_factor_satisfied, which the membership source
// every policy reads and the write guard call, read in the request's opening round trip:
// Opened.secondFactorDue), so the app asks exactly what RLS enforces.

/** Where a session that owes its second factor is sent, whatever page it asked for. */
export const SECOND_STEP_PATH = '/login/kod';
