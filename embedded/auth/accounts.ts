// Sign-up, password sign-in, the current user (GET/PUT /user) and logout.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson, sendJson } from '../http';
import { audit } from './audit';
import { transaction, type AuthContext } from './context';
import { AuthError, errors } from './errors';
import { checkEmail, optionalObject, optionalString } from './input';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords';
import { authenticate, clientIp, createSession, tokenResponse } from './sessions';
import { findUserByEmail, findUserById, normalizeEmail, userJson, type UserRow } from './users';

const UNIQUE_VIOLATION = '23505';

export async function signUp(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const body = await readJson(req);
  const rawEmail = optionalString(body, 'email');
  const password = optionalString(body, 'password');
  const data = optionalObject(body, 'data') ?? {};
  if (optionalString(body, 'phone')) throw new AuthError(422, 'phone_provider_disabled', 'Phone signups are disabled');
  if (!rawEmail) throw errors.validation('To signup, please provide your email');
  if (!password) throw errors.validation('Signup requires a valid password');
  const email = normalizeEmail(rawEmail);
  checkEmail(email);
  checkPasswordStrength(password, ctx.minPasswordLength);
  if (!ctx.limiter.take('signUpPerIp', clientIp(req))) throw errors.rateLimited();

  const hash = await hashPassword(password);
  const at = ctx.now();
  const userId = randomUUID();
  // Confirmations are off (like `supabase start` with enable_confirmations = false): confirmed at once.
  const identityData = { sub: userId, email, email_verified: true, phone_verified: false };
  const issued = await transaction(ctx.pool, async (db) => {
    if (await findUserByEmail(db, email)) return null;
    const { rows } = await db.query<UserRow>(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
         raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_super_admin, is_anonymous)
       values ($1, $2, 'authenticated', 'authenticated', $3, $4, $5, $6, $7, $5, $5, false, false)
       returning *`,
      [
        '00000000-0000-0000-0000-000000000000',
        userId,
        email,
        hash,
        at,
        JSON.stringify({ provider: 'email', providers: ['email'] }),
        JSON.stringify({ ...data, ...identityData }),
      ],
    );
    await db.query(
      `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at) values ($1::text, $1::uuid, $2, 'email', $3, $3)`,
      [userId, JSON.stringify(identityData), at],
    );
    await audit(db, { action: 'user_signedup', actorId: userId, actorUsername: email, logType: 'team', traits: { provider: 'email' }, ip: clientIp(req), at });
    const session = await createSession(db, rows[0], req, at, 'password');
    await audit(db, { action: 'login', actorId: userId, actorUsername: email, logType: 'account', traits: { provider: 'email' }, ip: clientIp(req), at });
    return session;
  }).catch((error: unknown) => {
    // Two sign-ups racing for one address: the unique index decides.
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
    throw error;
  });
  if (!issued) throw errors.userExists();
  sendJson(res, 200, await tokenResponse(ctx, issued));
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
      audit(db, { action: 'login_failed', actorId: user?.id ?? null, actorUsername: email, logType: 'account', traits: { provider: 'email', reason: 'invalid_credentials' }, ip, at }),
    );
    throw errors.invalidCredentials();
  }
  // Told only to someone who knows the password, as GoTrue does.
  if (user.banned_until && user.banned_until > at) throw errors.userBanned();
  const issued = await transaction(ctx.pool, async (db) => {
    const session = await createSession(db, user, req, at, 'password');
    await audit(db, { action: 'login', actorId: user.id, actorUsername: user.email, logType: 'account', traits: { provider: 'email' }, ip, at });
    return session;
  });
  sendJson(res, 200, await tokenResponse(ctx, issued));
}

export async function getUser(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const { user } = await authenticate(ctx, req);
  sendJson(res, 200, await userJson(ctx.pool, user));
}

/** PUT /user: password, email (confirmations off: changed at once) and user_metadata via `data`. */
export async function updateUser(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const caller = await authenticate(ctx, req);
  const body = await readJson(req);
  const password = optionalString(body, 'password');
  const rawEmail = optionalString(body, 'email');
  const data = optionalObject(body, 'data');
  if (optionalString(body, 'phone')) throw new AuthError(422, 'phone_provider_disabled', 'Phone logins are disabled');

  let hash: string | undefined;
  if (password !== undefined) {
    checkPasswordStrength(password, ctx.minPasswordLength);
    if (await verifyPassword(password, caller.user.encrypted_password)) throw errors.samePassword();
    hash = await hashPassword(password);
  }
  const email = rawEmail !== undefined ? normalizeEmail(rawEmail) : undefined;
  if (email !== undefined) checkEmail(email);

  const at = ctx.now();
  const ip = clientIp(req);
  const updated = await transaction(ctx.pool, async (db) => {
    let user = await findUserById(db, caller.user.id, true);
    if (!user) throw errors.userNotFound();
    if (hash) {
      await db.query(`update auth.users set encrypted_password = $2, updated_at = $3 where id = $1`, [user.id, hash, at]);
      // As GoTrue: a new password signs out every other session of the user.
      if (caller.sessionId) await db.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [user.id, caller.sessionId]);
      else await db.query(`delete from auth.sessions where user_id = $1`, [user.id]);
      await audit(db, { action: 'user_updated_password', actorId: user.id, actorUsername: user.email, logType: 'user', ip, at });
    }
    if (email !== undefined && email !== user.email) {
      const taken = await findUserByEmail(db, email);
      if (taken && taken.id !== user.id) throw errors.emailExists();
      await db.query(`update auth.users set email = $2, email_confirmed_at = $3, updated_at = $3 where id = $1`, [user.id, email, at]);
      await db.query(
        `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = $3
          where user_id = $1 and provider = 'email'`,
        [user.id, email, at],
      );
      await audit(db, { action: 'user_modified', actorId: user.id, actorUsername: email, logType: 'user', traits: { email_changed_from: user.email }, ip, at });
    }
    if (data) {
      // GoTrue merges `data` into user_metadata; a null value removes the key.
      const removed = Object.keys(data).filter((key) => data[key] === null);
      const kept = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null));
      await db.query(
        `update auth.users set raw_user_meta_data = (coalesce(raw_user_meta_data, '{}'::jsonb) || $2::jsonb) - $3::text[], updated_at = $4 where id = $1`,
        [user.id, JSON.stringify(kept), removed, at],
      );
      if (!hash && email === undefined) {
        await audit(db, { action: 'user_modified', actorId: user.id, actorUsername: user.email, logType: 'user', ip, at });
      }
    }
    user = (await findUserById(db, user.id))!;
    return userJson(db, user);
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw errors.emailExists();
    throw error;
  });
  sendJson(res, 200, updated);
}

export async function logout(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const scope = new URL(req.url ?? '/', 'http://localhost').searchParams.get('scope') ?? 'global';
  if (!['global', 'local', 'others'].includes(scope)) throw errors.validation(`Unsupported logout scope "${scope}"`);
  const { user, sessionId } = await authenticate(ctx, req);
  const at = ctx.now();
  await transaction(ctx.pool, async (db) => {
    if (scope === 'local' && sessionId) await db.query(`delete from auth.sessions where id = $1`, [sessionId]);
    else if (scope === 'others' && sessionId) await db.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [user.id, sessionId]);
    else if (scope !== 'others') await db.query(`delete from auth.sessions where user_id = $1`, [user.id]);
    await audit(db, { action: 'logout', actorId: user.id, actorUsername: user.email, logType: 'account', traits: { scope }, ip: clientIp(req), at });
  });
  res.writeHead(204).end();
}
