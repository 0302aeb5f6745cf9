// Who is calling: the verified bearer JWT, as Storage reads it. The role and claims it yields are
// what each request's transaction runs as, so storage.objects RLS policies decide access.
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { liveSession } from '../auth/sessions';
import { bearerToken } from '../http';
import type { SigningKeys } from '../keys';
import { errors } from './errors';

export type ApiRole = 'anon' | 'authenticated' | 'service_role';
const ROLES: readonly string[] = ['anon', 'authenticated', 'service_role'];

export interface Caller {
  role: ApiRole;
  claims: Record<string, unknown>;
  /** `sub` when it is a user id (uuid), for the owner column. */
  userId: string | null;
  sub: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function callerOf(req: IncomingMessage, { keys, pool }: { keys: SigningKeys; pool: pg.Pool }): Promise<Caller> {
  // The gateway in front of hosted Storage refuses requests without a project API key.
  const apikey = req.headers.apikey;
  if (apikey !== keys.anonKey && apikey !== keys.serviceRoleKey) {
    throw errors.accessDenied(apikey ? 'Invalid API key' : 'No API key found in request');
  }
  const token = bearerToken(req);
  if (!token) throw errors.accessDenied('Missing authorization header');
  let claims: Record<string, unknown>;
  try {
    claims = (await keys.verify(token)) as Record<string, unknown>;
  } catch (error) {
    throw errors.accessDenied((error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'jwt expired' : 'invalid JWT');
  }
  // Signed-URL tokens carry no role: they open one object, never the API.
  if (typeof claims.role !== 'string' || !ROLES.includes(claims.role)) throw errors.accessDenied('invalid JWT: unknown role');
  const sub = typeof claims.sub === 'string' ? claims.sub : null;
  // A user's token outlives its session by up to an hour: after sign-out it opens nothing.
  if (claims.role === 'authenticated') {
    const sessionId = typeof claims.session_id === 'string' ? claims.session_id : '';
    if (!sub || !(await liveSession(pool, sessionId, sub))) throw errors.accessDenied('invalid JWT: the session has ended');
  }
  return { role: claims.role as ApiRole, claims, sub, userId: sub && UUID.test(sub) ? sub : null };
}
