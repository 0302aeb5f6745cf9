// Claims that came from auth.getClaims() (signature and expiry checked). The brand makes the
// compiler refuse anything built from user input where verified claims are required.
import type { JwtPayload } from '@supabase/supabase-js';

declare const verified: unique symbol;

export type VerifiedClaims = JwtPayload & { sub: string; readonly [verified]: true };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only for values returned by supabase.auth.getClaims() (and tests standing in for it). */
export function asVerifiedClaims(claims: JwtPayload | null | undefined): VerifiedClaims | null {
  if (!claims || typeof claims.sub !== 'string' || !UUID.test(claims.sub)) return null;
  if (claims.role !== 'authenticated') return null;
  return claims as VerifiedClaims;
}
