// Sessions, refresh tokens and access tokens: the rows in auth.sessions/auth.refresh_tokens and
// the `/token` answer GoTrue sends. Rows are written inside the caller's transaction; tokens are
// signed after it commits, since signing is not SQL.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { bearerToken } from '../http';
import { addClaim, sessionAssurance, type Assurance } from './assurance';
import { audit } from './audit';
import { transaction, type AuthContext } from './context';
import { errors } from './errors';
import type { FlowMethod } from './pkce';
import { appMetadata, findUserById, userJson, type UserRow } from './users';

type Db = Pick<pg.PoolClient, 'query'>;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How the session was won: GoTrue names a PKCE exchange by its flow's authentication method. */
export type AmrMethod = 'password' | 'otp' | FlowMethod;

/** What a committed sign-in hands to `tokenResponse`. */
export interface IssuedSession {
  user: UserRow;
  userJson: Record<string, unknown>;
  sessionId: string;
  refreshToken: string;
  amr: AmrMethod;
  authenticatedAt: Date;
  /** The session's level and methods when it has proved more than the sign-in (refresh, MFA verify). */
  assurance?: Assurance;
}

function newRefreshToken(): string {
  return randomBytes(24).toString('base64url');
}

export async function insertRefreshToken(db: Db, userId: string, sessionId: string, parent: string | null, at: Date): Promise<string> {
  const token = newRefreshToken();
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, $3, false, $4, $4, $5, $6)`,
    [NIL_UUID, token, userId, at, parent, sessionId],
  );
  return token;
}

/** Starts a session for a user whose credentials were just checked; call inside a transaction. */
export async function createSession(db: Db, user: UserRow, req: IncomingMessage, at: Date, amr: AmrMethod): Promise<IssuedSession> {
  const sessionId = randomUUID();
  await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip) values ($1, $2, $3, $3, 'aal1', $4, $5)`,
    [sessionId, user.id, at, String(req.headers['user-agent'] ?? '').slice(0, 1000), clientIp(req) || null],
  );
  const refreshToken = await insertRefreshToken(db, user.id, sessionId, null, at);
  await addClaim(db, sessionId, amr, at);
  const { rows } = await db.query<UserRow>(`update auth.users set last_sign_in_at = $2, updated_at = $2 where id = $1 returning *`, [
    user.id,
    at,
  ]);
  await db.query(`update auth.identities set last_sign_in_at = $2, updated_at = $2 where user_id = $1`, [user.id, at]);
  const signedIn = rows[0] ?? user;
  return { user: signedIn, userJson: await userJson(db, signedIn), sessionId, refreshToken, amr, authenticatedAt: at };
}

/** The body GoTrue answers a grant with. */
export async function tokenResponse(ctx: AuthContext, issued: IssuedSession) {
  const { user } = issued;
  // Sessions from before claims were recorded have none: they proved the sign-in only.
  const assurance = issued.assurance?.amr.length ? issued.assurance : null;
  const accessToken = await ctx.keys.sign(
    {
      sub: user.id,
      aud: user.aud ?? 'authenticated',
      role: user.role ?? 'authenticated',
      email: user.email ?? '',
      phone: user.phone ?? '',
      app_metadata: appMetadata(user),
      user_metadata: user.raw_user_meta_data ?? {},
      aal: assurance?.aal ?? 'aal1',
      amr: assurance?.amr ?? [{ method: issued.amr, timestamp: Math.floor(issued.authenticatedAt.getTime() / 1000) }],
      session_id: issued.sessionId,
      is_anonymous: user.is_anonymous,
    },
    ctx.settings.accessTokenSeconds,
  );
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: ctx.settings.accessTokenSeconds,
    expires_at: Math.floor(Date.now() / 1000) + ctx.settings.accessTokenSeconds,
    refresh_token: issued.refreshToken,
    user: issued.userJson,
  };
}

interface TokenRow {
  id: string;
  token: string;
  revoked: boolean;
  updated_at: Date;
  session_id: string | null;
  user_id: string;
  session_exists: boolean;
  session_created_at: Date | null;
}

/**
 * The refresh_token grant with rotation: the used token is revoked and a child issued. A revoked
 * token used again within the reuse interval gets the session's current token (two tabs racing);
 * later, it is treated as stolen and every token of the session is revoked.
 */
export async function refresh(ctx: AuthContext, req: IncomingMessage, token: string) {
  const at = ctx.now();
  const outcome = await transaction(ctx.pool, async (db) => {
    const { rows } = await db.query<TokenRow>(
      `select rt.id, rt.token, rt.revoked, rt.updated_at, rt.session_id, rt.user_id,
              s.id is not null as session_exists, s.created_at as session_created_at
         from auth.refresh_tokens rt left join auth.sessions s on s.id = rt.session_id
        where rt.token = $1
          for update of rt`,
      [token],
    );
    const row = rows[0];
    if (!row || !row.session_exists || !row.session_id) return { error: errors.refreshNotFound() };
    const user = await findUserById(db, row.user_id);
    if (!user) return { error: errors.refreshNotFound() };
    if (user.banned_until && user.banned_until > at) return { error: errors.userBanned() };

    let refreshToken: string | null = null;
    if (row.revoked) {
      const withinReuse = at.getTime() - row.updated_at.getTime() < ctx.refreshReuseSeconds * 1000;
      if (withinReuse) {
        const active = await db.query<{ token: string }>(
          `select token from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1`,
          [row.session_id],
        );
        refreshToken = active.rows[0]?.token ?? null;
      }
      if (!refreshToken) {
        const revoked = await db.query(
          `update auth.refresh_tokens set revoked = true, updated_at = $2 where session_id = $1 and revoked = false`,
          [row.session_id, at],
        );
        if (revoked.rowCount)
          await audit(db, {
            action: 'token_revoked',
            actorId: user.id,
            actorUsername: user.email,
            logType: 'token',
            traits: { reason: 'refresh_token_reused', session_id: row.session_id },
            ip: clientIp(req),
            at,
          });
        return { error: errors.refreshUsed() };
      }
    } else {
      await db.query(`update auth.refresh_tokens set revoked = true, updated_at = $2 where id = $1`, [row.id, at]);
      refreshToken = await insertRefreshToken(db, user.id, row.session_id, row.token, at);
      await db.query(`update auth.sessions set refreshed_at = ($2::timestamptz at time zone 'UTC'), updated_at = $2 where id = $1`, [
        row.session_id,
        at,
      ]);
      await audit(db, { action: 'token_refreshed', actorId: user.id, actorUsername: user.email, logType: 'token', ip: clientIp(req), at });
    }
    const issued: IssuedSession = {
      user,
      userJson: await userJson(db, user),
      sessionId: row.session_id,
      refreshToken,
      amr: 'password',
      authenticatedAt: row.session_created_at ?? at,
      assurance: await sessionAssurance(db, row.session_id),
    };
    return { issued };
  });
  // The revocation above must commit before the refusal is answered.
  if ('error' in outcome) throw outcome.error;
  return tokenResponse(ctx, outcome.issued);
}

export interface Authenticated {
  user: UserRow;
  sessionId: string | null;
  /** When the session signed in (refreshes keep it): how recently the caller proved who they are. */
  sessionCreatedAt: Date | null;
  claims: Record<string, unknown>;
}

/** The caller of /user and /logout: a valid access token whose session and user still exist. */
export async function authenticate(ctx: AuthContext, req: IncomingMessage): Promise<Authenticated> {
  const token = bearerToken(req);
  if (!token) throw errors.noAuthorization();
  let claims: Record<string, unknown>;
  try {
    claims = (await ctx.keys.verify(token)) as Record<string, unknown>;
  } catch (error) {
    const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw errors.badJwt(
      expired ? 'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired' : undefined,
    );
  }
  const sub = claims.sub;
  if (typeof sub !== 'string' || !UUID.test(sub)) throw errors.badJwt('invalid claim: missing sub claim');
  const sessionId = typeof claims.session_id === 'string' ? claims.session_id : null;
  if (claims.session_id !== undefined && (!sessionId || !UUID.test(sessionId)))
    throw errors.badJwt('invalid claim: session_id claim must be a UUID');
  const session = sessionId ? await liveSession(ctx.pool, sessionId, sub) : null;
  if (sessionId && !session) throw errors.sessionNotFound();
  const user = await findUserById(ctx.pool, sub);
  if (!user) throw errors.userNotFound();
  return { user, sessionId, sessionCreatedAt: session?.createdAt ?? null, claims };
}

/** A token's session while it stands: sign-out and password changes delete it, not_after times it out. */
export async function liveSession(db: Pick<pg.Pool, 'query'>, sessionId: string, userId: string): Promise<{ createdAt: Date } | null> {
  if (!UUID.test(sessionId) || !UUID.test(userId)) return null;
  const { rows } = await db.query<{ created_at: Date }>(
    `select created_at from auth.sessions where id = $1 and user_id = $2 and (not_after is null or not_after > now())`,
    [sessionId, userId],
  );
  return rows[0] ? { createdAt: rows[0].created_at } : null;
}

export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? '';
}
