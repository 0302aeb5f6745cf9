// A request whose session has ended (signed out, signed out everywhere, password reset) while its
// access token is still unexpired: signed out, whatever kind of request it is.
import { redirect } from 'next/navigation';

/** Clears the dead session's cookies, then shows the sign-in page (app/auth/signed-out/route.ts). */
export const SIGNED_OUT_PATH = '/auth/signed-out';

/** Next's redirect marker for SIGNED_OUT_PATH, taken from redirect() itself rather than spelled out. */
function signedOutDigest(): string {
  try {
    redirect(SIGNED_OUT_PATH);
  } catch (error) {
    return (error as { digest: string }).digest;
  }
}

/**
 * Pages and server actions let it through (it carries Next's redirect digest, so the visitor is
 * signed out and lands on the sign-in page); JSON route handlers answer it with 401.
 */
export class SessionEndedError extends Error {
  readonly digest = signedOutDigest();

  constructor() {
    super('The session has ended');
  }
}
