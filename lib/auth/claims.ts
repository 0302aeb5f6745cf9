// Who is signing in, for server components, actions and route handlers: claims verified by
// supabase.auth.getClaims() (signature against the project's JWKS, and expiry; verifySession), or null.
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { createClient } from '@/lib/supabase/server';
import { verifySession, type VerifiedClaims } from './verified-claims';

export type { VerifiedClaims } from './verified-claims';

export const getVerifiedClaims = cache(async (): Promise<VerifiedClaims | null> => {
  return verifySession(await createClient());
});

export interface CurrentUser {
  id: string;
  email: string | undefined;
  claims: VerifiedClaims;
}

/** The signed-in user; signed-out visitors are sent to /login. */
export async function requireUser(): Promise<CurrentUser> {
  const claims = await getVerifiedClaims();
  if (!claims) redirect('/login');
  return { id: claims.sub, email: typeof claims.email === 'string' ? claims.email : undefined, claims };
}
