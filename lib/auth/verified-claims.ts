// Claims that came from auth.getClaims() (signature and expiry checked). The brand makes the
// compiler refuse anything built from user input where verified claims are required.
import type { JwtPayload, SupabaseClient } from '@supabase/supabase-js';

declare const verified: unique symbol;

export type VerifiedClaims = JwtPayload & { sub: string; readonly [verified]: true };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only for values returned by supabase.auth.getClaims() (and tests standing in for it). */
export function asVerifiedClaims(claims: JwtPayload | null | undefined): VerifiedClaims | null {
  if (!claims || typeof claims.sub !== 'string' || !UUID.test(claims.sub)) return null;
  if (claims.role !== 'authenticated') return null;
  return claims as VerifiedClaims;
}

/**
 * The session's claims, verified by auth.getClaims(), or null. A crafted cookie (alg none, a key
 * the project does not have, a header that is not JSON) can make getClaims throw rather than
 * return an error: that, too, is a visitor who is not signed in, never a 500.
 */
export async function verifySession(supabase: Pick<SupabaseClient, 'auth'>): Promise<VerifiedClaims | null> {
  try {
    const { data, error } = await supabase.auth.getClaims();
    return error || !data ? null : asVerifiedClaims(data.claims as JwtPayload);
  } catch {
    return null;
  }
}
