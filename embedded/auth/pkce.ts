// PKCE (RFC 7636) for email links, as Supabase Auth runs it when the client sends a code_challenge
// (@supabase/ssr always does): the request that mails a link saves a flow state, the link's token
// carries the `pkce_` prefix, GET /verify answers with `?code=` instead of tokens in the fragment,
// and only the holder of the code verifier turns that code into a session (/token?grant_type=pkce).
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { readJson, sendJson } from '../http';
import { audit } from './audit';
import { transaction, type AuthContext } from './context';
import { AuthError, errors } from './errors';
import { optionalString } from './input';
import { clientIp, createSession, tokenResponse } from './sessions';
import { findUserById } from './users';

type Db = Pick<pg.PoolClient, 'query'>;

export const PKCE_PREFIX = 'pkce_';
/** GoTrue's flow_state_expiry_duration: the code exchange must come within 5 minutes of the request. */
export const FLOW_STATE_SECONDS = 300;

/** What GoTrue records as the flow's authentication_method, per email-link type. */
export type FlowMethod = 'email/signup' | 'invite' | 'recovery' | 'magiclink' | 'email_change';

export interface Pkce {
  challenge: string;
  method: 's256' | 'plain';
}

const CHALLENGE = /^[a-zA-Z._~0-9-]+$/;

/** The request's code_challenge and code_challenge_method, checked as GoTrue checks them; null without. */
export function readPkce(body: Record<string, unknown>): Pkce | null {
  const challenge = optionalString(body, 'code_challenge') ?? '';
  const method = optionalString(body, 'code_challenge_method') ?? '';
  if (!challenge !== !method) throw errors.validation('PKCE flow requires code_challenge_method and code_challenge');
  if (!challenge) return null;
  if (challenge.length < 43 || challenge.length > 128) throw errors.validation('code challenge has to be between 43 and 128 characters');
  if (!CHALLENGE.test(challenge))
    throw errors.validation('code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes');
  const lower = method.toLowerCase();
  if (lower !== 's256' && lower !== 'plain') throw errors.validation(`unsupported code_challenge method "${method}"`);
  return { challenge, method: lower };
}

/** What a link token starts with: PKCE links carry the prefix GET /verify recognises them by. */
export const flowPrefix = (pkce: Pkce | null) => (pkce ? PKCE_PREFIX : '');

export async function saveFlowState(db: Db, userId: string, method: FlowMethod, pkce: Pkce, at: Date) {
  await db.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type, authentication_method, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    [randomUUID(), userId, randomUUID(), pkce.method, pkce.challenge, method === 'email/signup' ? 'email' : method, method, at],
  );
}

/** The code GET /verify hands back: the user's newest flow of this kind, marked as issued. */
export async function issueAuthCode(db: Db, userId: string, method: FlowMethod, at: Date): Promise<string> {
  const { rows } = await db.query<{ auth_code: string }>(
    `update auth.flow_state set auth_code_issued_at = $3, updated_at = $3
      where id = (select id from auth.flow_state where user_id = $1 and authentication_method = $2 order by created_at desc limit 1)
      returning auth_code`,
    [userId, method, at],
  );
  if (!rows[0]) throw new AuthError(400, 'flow_state_not_found', 'No associated flow state found. No valid flow state found for user.');
  return rows[0].auth_code;
}

function verifierMatches(pkce: Pkce, verifier: string): boolean {
  const expected = pkce.method === 's256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  const a = Buffer.from(pkce.challenge);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface FlowRow {
  id: string;
  user_id: string | null;
  code_challenge: string;
  code_challenge_method: 's256' | 'plain';
  authentication_method: FlowMethod;
  created_at: Date;
  auth_code_issued_at: Date | null;
}

/** POST /token?grant_type=pkce, what exchangeCodeForSession sends: the code and its verifier, once. */
export async function pkceGrant(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const body = await readJson(req);
  const authCode = optionalString(body, 'auth_code');
  const verifier = optionalString(body, 'code_verifier');
  if (!authCode || !verifier) throw errors.validation('invalid request: both auth code and code verifier should be non-empty');
  const at = ctx.now();
  const issued = await transaction(ctx.pool, async (db) => {
    const { rows } = await db.query<FlowRow>(
      `select id, user_id, code_challenge, code_challenge_method::text, authentication_method, created_at, auth_code_issued_at
         from auth.flow_state where auth_code = $1 for update`,
      [authCode],
    );
    const flow = rows[0];
    if (!flow?.user_id) throw new AuthError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
    // A magic link's flow counts from when its code was issued, every other from the request.
    const started = flow.authentication_method === 'magiclink' && flow.auth_code_issued_at ? flow.auth_code_issued_at : flow.created_at;
    if (at.getTime() - started.getTime() > FLOW_STATE_SECONDS * 1000)
      throw new AuthError(422, 'flow_state_expired', 'invalid flow state, flow state has expired');
    if (!verifierMatches({ challenge: flow.code_challenge, method: flow.code_challenge_method }, verifier)) {
      throw new AuthError(400, 'bad_code_verifier', 'code challenge does not match previously saved code verifier');
    }
    const user = await findUserById(db, flow.user_id, true);
    if (!user) throw new AuthError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
    if (user.banned_until && user.banned_until > at) throw errors.userBanned();
    await db.query(`delete from auth.flow_state where id = $1`, [flow.id]);
    const session = await createSession(db, user, req, at, flow.authentication_method);
    await audit(db, {
      action: 'login',
      actorId: user.id,
      actorUsername: user.email,
      logType: 'account',
      traits: { provider_type: 'email' },
      ip: clientIp(req),
      at,
    });
    return session;
  });
  sendJson(res, 200, await tokenResponse(ctx, issued));
}
