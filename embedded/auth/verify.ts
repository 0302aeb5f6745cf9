// POST and GET /verify: redeem an email link (sign-up confirmation, recovery, email change).
// Tokens are single use (see tokens.ts). A secure email change needs both halves: the first link
// answers "accepted, now confirm the other address" and changes nothing visible. PKCE links
// (`pkce_` tokens) opened in a browser answer with the flow's code (pkce.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { z } from 'zod';
import { readJson, sendJson } from '../http';
import { audit } from './audit';
import { transaction, type AuthContext } from './context';
import { errors, toAuthError } from './errors';
import { issueAuthCode, PKCE_PREFIX, type FlowMethod } from './pkce';
import { allowedRedirect } from './redirects';
import { clientIp, createSession, tokenResponse, type IssuedSession } from './sessions';
import { consumeToken, hashToken, hasToken, type Redeemed, type TokenType } from './tokens';
import { findUserByEmail, findUserById, type UserRow } from './users';

const TOKEN_TYPES = {
  signup: ['confirmation_token'],
  invite: ['confirmation_token'],
  email: ['confirmation_token', 'recovery_token'],
  magiclink: ['recovery_token'],
  recovery: ['recovery_token'],
  email_change: ['email_change_token_new', 'email_change_token_current'],
} as const satisfies Record<string, TokenType[]>;

type VerifyType = keyof typeof TOKEN_TYPES;
const VERIFY_TYPES = Object.keys(TOKEN_TYPES) as [VerifyType, ...VerifyType[]];

/** GoTrue's answer to the first half of a secure email change. */
export const SINGLE_CONFIRMATION = 'Confirmation link accepted. Please proceed to confirm link sent to the other email';

const tokenField = z.string().min(1).max(1024).optional();
const VerifyBody = z.object({
  type: z.string({ error: 'Verify requires a verification type' }).pipe(z.enum(VERIFY_TYPES, { error: 'Unsupported verification type' })),
  token: tokenField,
  token_hash: tokenField,
});

/** The request's fields, checked as GoTrue checks them; every refusal is a 400 in its words. */
function parseVerify(input: Record<string, unknown>): { type: VerifyType; token: string } {
  const parsed = VerifyBody.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw errors.validation(issue?.path[0] === 'type' ? issue.message : 'Verify requires either a token or a token hash');
  }
  const { type, token, token_hash: tokenHash } = parsed.data;
  if (!token === !tokenHash) throw errors.validation('Verify requires either a token or a token hash');
  return { type, token: (tokenHash ?? token)! };
}

type Outcome = { session: IssuedSession } | { code: string } | { pending: true };

/** The flow a PKCE link's code belongs to, per link type (GoTrue's authentication methods). */
const FLOW_METHODS: Record<VerifyType, FlowMethod | null> = {
  signup: 'email/signup',
  invite: 'invite',
  recovery: 'recovery',
  magiclink: 'magiclink',
  email_change: 'email_change',
  email: null,
};

type Db = Pick<pg.PoolClient, 'query'>;

/** The first proof of the address completes the sign-up, audited as GoTrue does. */
async function confirmAddress(db: Db, user: UserRow, req: IncomingMessage, at: Date) {
  if (user.email_confirmed_at) return;
  await audit(db, {
    action: 'user_signedup',
    actorId: user.id,
    actorUsername: user.email,
    logType: 'team',
    traits: { provider: 'email' },
    ip: clientIp(req),
    at,
  });
  await db.query(`update auth.users set email_confirmed_at = $2 where id = $1`, [user.id, at]);
  await db.query(
    `update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb, updated_at = $2 where user_id = $1 and provider = 'email'`,
    [user.id, at],
  );
}

/** One half of an email change; the change is written once every half the settings ask for is in. */
async function changeEmail(
  ctx: AuthContext,
  db: Db,
  user: UserRow,
  redeemed: Redeemed,
  req: IncomingMessage,
  at: Date,
): Promise<UserRow | 'pending' | null> {
  const pending = user.email_change;
  // A link from an older request (or for the other address of it) is no longer valid.
  const forThisChange = redeemed.type === 'email_change_token_new' ? redeemed.relatesTo === pending : redeemed.relatesTo === user.email;
  if (!pending || !forThisChange) return null;
  const otherHalf = redeemed.type === 'email_change_token_new' ? 'email_change_token_current' : 'email_change_token_new';
  if (await hasToken(db, user.id, otherHalf)) {
    await db.query(`update auth.users set email_change_confirm_status = 1 where id = $1`, [user.id]);
    return 'pending';
  }
  const taken = await findUserByEmail(db, pending);
  if (taken && taken.id !== user.id) throw errors.emailExists();
  await db.query(
    `update auth.users set email = email_change, email_change = '', email_change_sent_at = null, email_change_confirm_status = 0,
       email_confirmed_at = $2, updated_at = $2 where id = $1`,
    [user.id, at],
  );
  await db.query(
    `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', true), updated_at = $3
      where user_id = $1 and provider = 'email'`,
    [user.id, pending, at],
  );
  await audit(db, {
    action: 'user_modified',
    actorId: user.id,
    actorUsername: pending,
    logType: 'user',
    traits: { email_changed_from: user.email },
    ip: clientIp(req),
    at,
  });
  return (await findUserById(db, user.id))!;
}

/**
 * Redeems the token. A PKCE link opened in the browser (GET /verify) gets the flow's code, which
 * only the code verifier's holder can exchange; every other redemption starts a session here.
 */
async function redeem(ctx: AuthContext, req: IncomingMessage, type: VerifyType, token: string, via: 'link' | 'api'): Promise<Outcome> {
  const at = ctx.now();
  const flowMethod = via === 'link' && token.startsWith(PKCE_PREFIX) ? FLOW_METHODS[type] : undefined;
  if (flowMethod === null) throw errors.validation(`unsupported authentication method "${type}"`);
  const outcome = await transaction(ctx.pool, async (db): Promise<Outcome | null> => {
    const redeemed = await consumeToken(db, hashToken(token), [...TOKEN_TYPES[type]], at);
    if (!redeemed) return null;
    let user = await findUserById(db, redeemed.userId, true);
    if (!user) return null;
    if (user.banned_until && user.banned_until > at) throw errors.userBanned();
    if (type === 'email_change') {
      const changed = await changeEmail(ctx, db, user, redeemed, req, at);
      if (changed === null) return null;
      if (changed === 'pending') return { pending: true };
      user = changed;
    } else {
      // A confirmation or a recovery link proves the address.
      await confirmAddress(db, user, req, at);
    }
    if (flowMethod) return { code: await issueAuthCode(db, user.id, flowMethod, at) };
    const session = await createSession(db, user, req, at, 'otp');
    await audit(db, {
      action: 'login',
      actorId: user.id,
      actorUsername: user.email,
      logType: 'account',
      traits: { provider: 'email', via: type },
      ip: clientIp(req),
      at,
    });
    return { session };
  });
  if (!outcome) throw errors.otpExpired();
  return outcome;
}

/** POST /verify, what `verifyOtp({ type, token_hash })` sends: answers with a session. */
export async function verifyPost(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const { type, token } = parseVerify(await readJson(req));
  const outcome = await redeem(ctx, req, type, token, 'api');
  if ('pending' in outcome) return sendJson(res, 200, { msg: SINGLE_CONFIRMATION, code: 200 });
  if ('code' in outcome) throw new Error('a code is only issued to a link');
  sendJson(res, 200, await tokenResponse(ctx, outcome.session));
}

/**
 * GET /verify, the link in the email: redirects with the session (or the error) in the URL
 * fragment; a PKCE link with `?code=` instead, and its message or error in the query as well.
 */
export async function verifyGet(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const target = new URL(allowedRedirect(ctx, query.get('redirect_to')));
  const rawToken = query.get('token') ?? query.get('token_hash') ?? undefined;
  const pkce = rawToken?.startsWith(PKCE_PREFIX) ?? false;
  let fragment: URLSearchParams;
  const alsoInQuery = (params: URLSearchParams) => {
    if (pkce) for (const [key, value] of params) target.searchParams.set(key, value);
  };
  try {
    const { type, token } = parseVerify({ type: query.get('type') ?? undefined, token: rawToken });
    const outcome = await redeem(ctx, req, type, token, 'link');
    if ('pending' in outcome) {
      fragment = new URLSearchParams({ message: SINGLE_CONFIRMATION });
      alsoInQuery(fragment);
      fragment.set('sb', '');
    } else if ('code' in outcome) {
      target.searchParams.set('code', outcome.code);
      fragment = new URLSearchParams();
    } else {
      const session = await tokenResponse(ctx, outcome.session);
      fragment = new URLSearchParams({
        access_token: session.access_token,
        expires_at: String(session.expires_at),
        expires_in: String(session.expires_in),
        refresh_token: session.refresh_token,
        token_type: 'bearer',
        type,
      });
    }
  } catch (error) {
    const authError = toAuthError(error);
    if (!authError) throw error;
    fragment = new URLSearchParams({
      error: authError.status === 403 ? 'access_denied' : 'invalid_request',
      error_code: authError.errorCode,
      error_description: authError.message,
    });
    alsoInQuery(fragment);
    fragment.set('sb', '');
  }
  target.hash = fragment.toString();
  res.writeHead(303, { location: target.toString() }).end();
}
