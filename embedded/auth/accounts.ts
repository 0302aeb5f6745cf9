// Sign-up, password sign-in, the current user (GET/PUT /user), reauthentication and logout.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { readJson, sendJson } from '../http';
import { audit } from './audit';
import { transaction, type AuthContext } from './context';
import { AuthError, errors } from './errors';
import { checkEmail, optionalObject, optionalString } from './input';
import { sendEmailChange, sendPasswordChanged, sendReauthentication, sendRepeatedSignup, sendSignupConfirmation } from './mails';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords';
import { flowPrefix, readPkce, saveFlowState, type Pkce } from './pkce';
import { allowedRedirect, nextPathOf } from './redirects';
import { authenticate, clientIp, createSession, tokenResponse, type Authenticated, type IssuedSession } from './sessions';
import { consumeToken, hashToken, issueToken } from './tokens';
import { findUserByEmail, findUserById, lookalikeUserJson, normalizeEmail, userJson, type UserRow } from './users';

const UNIQUE_VIOLATION = '23505';

/**
 * A session this young may change its password without a nonce: GoTrue asks for one only when the
 * session was created more than 24 hours ago (internal/api/user.go), so the stand-in does too.
 */
export const RECENT_SIGN_IN_MINUTES = 24 * 60;

type SignUpOutcome =
  | { session: IssuedSession }
  | { confirm: Record<string, unknown>; token: string }
  | { repeated: UserRow | null; json: Record<string, unknown> }
  | { taken: true };

interface NewAccount {
  id: string;
  email: string;
  hash: string;
  data: Record<string, unknown>;
  confirmed: boolean;
  at: Date;
}

/** auth.users and its email identity, as a sign-up writes them (the project's triggers run too). */
async function insertAccount(db: pg.PoolClient, a: NewAccount): Promise<UserRow> {
  const identityData = { sub: a.id, email: a.email, email_verified: a.confirmed, phone_verified: false };
  const { rows } = await db.query<UserRow>(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_super_admin, is_anonymous)
     values ($1, $2, 'authenticated', 'authenticated', $3, $4, $5, $6, $7, $8, $8, false, false)
     returning *`,
    [
      '00000000-0000-0000-0000-000000000000',
      a.id,
      a.email,
      a.hash,
      a.confirmed ? a.at : null,
      JSON.stringify({ provider: 'email', providers: ['email'] }),
      JSON.stringify({ ...a.data, ...identityData }),
      a.at,
    ],
  );
  await db.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at) values ($1::text, $1::uuid, $2, 'email', $3, $3)`,
    [a.id, JSON.stringify(identityData), a.at],
  );
  return rows[0];
}

/** A confirmation link for the address; with PKCE also the flow its code will be exchanged in. */
async function requestConfirmation(db: pg.PoolClient, user: UserRow, ip: string, at: Date, pkce: Pkce | null) {
  await audit(db, {
    action: 'user_confirmation_requested',
    actorId: user.id,
    actorUsername: user.email,
    logType: 'user',
    traits: { provider: 'email' },
    ip,
    at,
  });
  await db.query(`update auth.users set confirmation_sent_at = $2 where id = $1`, [user.id, at]);
  if (pkce) await saveFlowState(db, user.id, 'email/signup', pkce, at);
  const token = await issueToken(db, user.id, 'confirmation_token', user.email ?? '', at, flowPrefix(pkce));
  return { token, json: await userJson(db, (await findUserById(db, user.id))!) };
}

export async function signUp(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const body = await readJson(req);
  const rawEmail = optionalString(body, 'email');
  const password = optionalString(body, 'password');
  const data = optionalObject(body, 'data') ?? {};
  if (optionalString(body, 'phone')) throw new AuthError(422, 'phone_provider_disabled', 'Phone signups are disabled');
  const pkce = readPkce(body);
  if (!rawEmail) throw errors.validation('To signup, please provide your email');
  if (!password) throw errors.validation('Signup requires a valid password');
  const email = normalizeEmail(rawEmail);
  checkEmail(email);
  checkPasswordStrength(password, ctx.settings.minPasswordLength);
  if (!ctx.limiter.take('signUpPerIp', clientIp(req))) throw errors.rateLimited();
  const redirectTo = allowedRedirect(ctx, new URL(req.url ?? '/', 'http://localhost').searchParams.get('redirect_to'));

  // Hashed whether or not the address is taken, so both answers cost the same.
  const hash = await hashPassword(password);
  const at = ctx.now();
  const autoconfirm = !ctx.settings.confirmations;
  const ip = clientIp(req);
  const account: NewAccount = { id: randomUUID(), email, hash, data, confirmed: autoconfirm, at };
  const outcome = await transaction(ctx.pool, async (db): Promise<SignUpOutcome> => {
    const existing = await findUserByEmail(db, email);
    // With confirmations off a new account gets a session at once, so hosted Auth says it exists.
    if (existing && autoconfirm) return { taken: true };
    if (existing)
      await audit(db, {
        action: 'user_repeated_signup',
        actorId: existing.id,
        actorUsername: email,
        logType: 'user',
        traits: { provider: 'email' },
        ip,
        at,
      });
    if (existing?.email_confirmed_at) {
      // A new sign-up's work, on a stand-in row rolled back at once: the answer is shaped as a
      // new user's and costs as long, so neither tells that the address is taken.
      const placeholder = `lookalike-${account.id}@example.invalid`;
      await db.query('savepoint lookalike');
      const { json } = await requestConfirmation(db, await insertAccount(db, { ...account, email: placeholder }), ip, at, pkce);
      await db.query('rollback to savepoint lookalike');
      return { repeated: existing, json: JSON.parse(JSON.stringify(json).replaceAll(placeholder, email)) };
    }
    // Never confirmed: a new link, and nothing about the account changes (the caller proved nothing).
    if (existing) {
      const { token, json } = await requestConfirmation(db, existing, ip, at, pkce);
      return { confirm: json, token };
    }
    const user = await insertAccount(db, account);
    if (!autoconfirm) {
      const { token, json } = await requestConfirmation(db, user, ip, at, pkce);
      return { confirm: json, token };
    }
    await audit(db, {
      action: 'user_signedup',
      actorId: user.id,
      actorUsername: email,
      logType: 'team',
      traits: { provider: 'email' },
      ip,
      at,
    });
    const session = await createSession(db, user, req, at, 'password');
    await audit(db, { action: 'login', actorId: user.id, actorUsername: email, logType: 'account', traits: { provider: 'email' }, ip, at });
    return { session };
  }).catch((error: unknown): SignUpOutcome => {
    // Two sign-ups racing for one address: the unique index decides; the loser sees a new user's shape.
    if ((error as { code?: string }).code === UNIQUE_VIOLATION)
      return autoconfirm ? { taken: true } : { repeated: null, json: lookalikeUserJson(email, data, at) };
    throw error;
  });

  if ('taken' in outcome) throw errors.userExists();
  if ('session' in outcome) return sendJson(res, 200, await tokenResponse(ctx, outcome.session));
  if ('confirm' in outcome) {
    sendSignupConfirmation(ctx, email, outcome.token, nextPathOf(redirectTo), redirectTo);
    return sendJson(res, 200, outcome.confirm);
  }
  // The address has an account: its owner is told, the caller sees what a new sign-up sees.
  if (outcome.repeated) sendRepeatedSignup(ctx, email);
  sendJson(res, 200, outcome.json);
}

export async function passwordGrant(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const body = await readJson(req);
  const rawEmail = optionalString(body, 'email');
  const password = optionalString(body, 'password');
  if (optionalString(body, 'phone')) throw errors.invalidCredentials();
  if (!rawEmail || !password) throw errors.validation('Email and password are required');
  const email = normalizeEmail(rawEmail);
  const ip = clientIp(req);
  if (!ctx.limiter.take('signInPerIp', ip) || !ctx.limiter.take('signInPerEmail', email)) throw errors.rateLimited();

  const user = await findUserByEmail(ctx.pool, email);
  const ok = await verifyPassword(password, user?.encrypted_password);
  const at = ctx.now();
  if (!user || !ok) {
    await transaction(ctx.pool, (db) =>
      audit(db, {
        action: 'login_failed',
        actorId: user?.id ?? null,
        actorUsername: email,
        logType: 'account',
        traits: { provider: 'email', reason: 'invalid_credentials' },
        ip,
        at,
      }),
    );
    throw errors.invalidCredentials();
  }
  // Told only to someone who knows the password, as GoTrue does.
  if (user.banned_until && user.banned_until > at) throw errors.userBanned();
  if (!user.email_confirmed_at) throw errors.emailNotConfirmed();
  const issued = await transaction(ctx.pool, async (db) => {
    const session = await createSession(db, user, req, at, 'password');
    await audit(db, {
      action: 'login',
      actorId: user.id,
      actorUsername: user.email,
      logType: 'account',
      traits: { provider: 'email' },
      ip,
      at,
    });
    return session;
  });
  sendJson(res, 200, await tokenResponse(ctx, issued));
}

export async function getUser(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const { user } = await authenticate(ctx, req);
  sendJson(res, 200, await userJson(ctx.pool, user));
}

/** GET /reauthenticate: mails the signed-in user a six-digit nonce for a password change. */
export async function reauthenticate(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const { user } = await authenticate(ctx, req);
  if (!user.email) throw errors.validation('Reauthentication requires the user to have an email or a phone number');
  if (!user.email_confirmed_at) throw new AuthError(422, 'email_not_confirmed', 'Please verify your email first.');
  if (!ctx.limiter.take('reauthenticatePerUser', user.id)) throw errors.emailRateLimited();
  const at = ctx.now();
  const email = user.email;
  const nonce = await transaction(ctx.pool, async (db) => {
    await db.query(`update auth.users set reauthentication_sent_at = $2 where id = $1`, [user.id, at]);
    await audit(db, {
      action: 'user_reauthenticate_requested',
      actorId: user.id,
      actorUsername: email,
      logType: 'user',
      ip: clientIp(req),
      at,
    });
    return issueToken(db, user.id, 'reauthentication_token', email, at);
  });
  sendReauthentication(ctx, email, nonce);
  sendJson(res, 200, {});
}

/** Whether the caller signed in (or proved their address) recently enough to change the password without a nonce. */
function signedInRecently(caller: Authenticated, at: Date): boolean {
  return caller.sessionCreatedAt !== null && at.getTime() - caller.sessionCreatedAt.getTime() < RECENT_SIGN_IN_MINUTES * 60_000;
}

/**
 * PUT /user: password (with secure_password_change: a recent sign-in or a nonce from
 * /reauthenticate; the address is told), email (confirmed by link before it changes: by the new
 * address, and with double_confirm_changes by the old one too) and user_metadata via `data`.
 */
export async function updateUser(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const caller = await authenticate(ctx, req);
  const body = await readJson(req);
  const password = optionalString(body, 'password');
  const nonce = optionalString(body, 'nonce');
  const rawEmail = optionalString(body, 'email');
  const data = optionalObject(body, 'data');
  if (optionalString(body, 'phone')) throw new AuthError(422, 'phone_provider_disabled', 'Phone logins are disabled');
  const pkce = readPkce(body);
  const redirectTo = allowedRedirect(ctx, new URL(req.url ?? '/', 'http://localhost').searchParams.get('redirect_to'));
  const at = ctx.now();

  let hash: string | undefined;
  let nonceHash: string | undefined;
  if (password !== undefined) {
    if (ctx.settings.securePasswordChange && !signedInRecently(caller, at)) {
      if (!nonce) throw errors.reauthenticationNeeded();
      if (!ctx.limiter.take('nonceChecksPerUser', caller.user.id)) throw errors.rateLimited();
      nonceHash = hashToken(`${caller.user.email ?? ''}${nonce}`);
    }
    checkPasswordStrength(password, ctx.settings.minPasswordLength);
    if (await verifyPassword(password, caller.user.encrypted_password)) throw errors.samePassword();
    hash = await hashPassword(password);
  }
  const email = rawEmail !== undefined ? normalizeEmail(rawEmail) : undefined;
  if (email !== undefined) checkEmail(email);

  const ip = clientIp(req);
  const outcome = await transaction(ctx.pool, async (db) => {
    const user = await findUserById(db, caller.user.id, true);
    if (!user) throw errors.userNotFound();
    if (nonceHash && !(await consumeToken(db, nonceHash, ['reauthentication_token'], at, user.id))) throw errors.reauthenticationNotValid();
    if (hash) {
      await db.query(`update auth.users set encrypted_password = $2, updated_at = $3 where id = $1`, [user.id, hash, at]);
      // As GoTrue: a new password signs out every other session of the user.
      if (caller.sessionId) await db.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [user.id, caller.sessionId]);
      else await db.query(`delete from auth.sessions where user_id = $1`, [user.id]);
      await audit(db, { action: 'user_updated_password', actorId: user.id, actorUsername: user.email, logType: 'user', ip, at });
    }
    let emailChange: Parameters<typeof sendEmailChange>[1] | null = null;
    if (email !== undefined && email !== user.email) {
      const taken = await findUserByEmail(db, email);
      if (taken && taken.id !== user.id) throw errors.emailExists();
      // Nothing changes until the links are opened; a new request replaces an older one.
      await db.query(`update auth.users set email_change = $2, email_change_sent_at = $3, email_change_confirm_status = 0 where id = $1`, [
        user.id,
        email,
        at,
      ]);
      if (pkce) await saveFlowState(db, user.id, 'email_change', pkce, at);
      const prefix = flowPrefix(pkce);
      const newToken = await issueToken(db, user.id, 'email_change_token_new', email, at, prefix);
      const currentToken =
        ctx.settings.secureEmailChange && user.email
          ? await issueToken(db, user.id, 'email_change_token_current', user.email, at, prefix)
          : null;
      if (!currentToken)
        await db.query(`delete from auth.one_time_tokens where user_id = $1 and token_type = 'email_change_token_current'`, [user.id]);
      emailChange = { from: user.email ?? '', to: email, newToken, currentToken, redirectTo };
    }
    if (data) {
      // GoTrue merges `data` into user_metadata; a null value removes the key.
      const removed = Object.keys(data).filter((key) => data[key] === null);
      const kept = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null));
      await db.query(
        `update auth.users set raw_user_meta_data = (coalesce(raw_user_meta_data, '{}'::jsonb) || $2::jsonb) - $3::text[], updated_at = $4 where id = $1`,
        [user.id, JSON.stringify(kept), removed, at],
      );
    }
    if (emailChange || (data && !hash)) {
      await audit(db, { action: 'user_modified', actorId: user.id, actorUsername: user.email, logType: 'user', ip, at });
    }
    return { json: await userJson(db, (await findUserById(db, user.id))!), emailChange, notify: hash && user.email ? user.email : null };
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw errors.emailExists();
    throw error;
  });
  if (outcome.emailChange) sendEmailChange(ctx, outcome.emailChange);
  if (outcome.notify && ctx.settings.passwordChangedNotice) sendPasswordChanged(ctx, outcome.notify);
  sendJson(res, 200, outcome.json);
}

export async function logout(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const scope = new URL(req.url ?? '/', 'http://localhost').searchParams.get('scope') ?? 'global';
  if (!['global', 'local', 'others'].includes(scope)) throw errors.validation(`Unsupported logout scope "${scope}"`);
  const { user, sessionId } = await authenticate(ctx, req);
  const at = ctx.now();
  await transaction(ctx.pool, async (db) => {
    if (scope === 'local' && sessionId) await db.query(`delete from auth.sessions where id = $1`, [sessionId]);
    else if (scope === 'others' && sessionId)
      await db.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [user.id, sessionId]);
    else if (scope !== 'others') await db.query(`delete from auth.sessions where user_id = $1`, [user.id]);
    await audit(db, {
      action: 'logout',
      actorId: user.id,
      actorUsername: user.email,
      logType: 'account',
      traits: { scope },
      ip: clientIp(req),
      at,
    });
  });
  res.writeHead(204).end();
}
