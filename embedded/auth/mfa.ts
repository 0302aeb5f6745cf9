// Multi-factor authentication with TOTP (RFC 6238), the routes supabase-js's `auth.mfa` calls:
//   POST   /factors                  enrol: a new unverified factor, its secret, otpauth URI and QR code
//   POST   /factors/{id}/challenge   a challenge to answer within 5 minutes, from the same address
//   POST   /factors/{id}/verify      the code: the factor becomes verified, the session aal2
//   DELETE /factors/{id}             unenrol (a verified factor only from an aal2 session)
// with GoTrue's shapes, status codes and error codes. Beyond GoTrue, a code is accepted once: the
// time step it matched is kept on the verified challenge, and no later verification of the factor
// accepts that step or an earlier one (RFC 6238 §5.2).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { readJson, sendJson } from '../http';
import { addClaim, sessionAssurance } from './assurance';
import { audit } from './audit';
import { transaction, type AuthContext } from './context';
import { AuthError, errors } from './errors';
import { ownedFactor, userFactors, type FactorRow } from './factors';
import { optionalString } from './input';
import { authenticate, clientIp, insertRefreshToken, tokenResponse, type Authenticated, type IssuedSession } from './sessions';
import { findUserById, userJson } from './users';

type Db = Pick<pg.PoolClient, 'query'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** GoTrue's TOTP parameters: what every authenticator app assumes. */
const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** A code from the step before or after the current one is accepted (clock drift). */
const SKEW_STEPS = 1;
/** GoTrue's challenge_expiry_duration and factor_expiry_duration defaults. */
const CHALLENGE_SECONDS = 300;
const UNVERIFIED_FACTOR_SECONDS = 300;
/** Where a verified challenge keeps the time step its code matched (otp_code is phone-only in GoTrue). */
const STEP_PREFIX = 'totp-step:';

const mfaErrors = {
  factorNotFound: () => new AuthError(404, 'mfa_factor_not_found', 'Factor not found'),
  challengeNotFound: () => new AuthError(422, 'mfa_factor_not_found', 'MFA factor with the provided challenge ID not found'),
  ipMismatch: () => new AuthError(422, 'mfa_ip_address_mismatch', 'Challenge and verify IP addresses mismatch.'),
  challengeExpired: (id: string) =>
    new AuthError(
      422,
      'mfa_challenge_expired',
      `MFA challenge ${id} has expired, verify against another challenge or create a new challenge.`,
    ),
  invalidCode: () => new AuthError(422, 'mfa_verification_failed', 'Invalid TOTP code entered'),
  nameConflict: (name: string) =>
    new AuthError(422, 'mfa_factor_name_conflict', `A factor with the friendly name "${name}" for this user already exists`),
  tooMany: () => new AuthError(422, 'too_many_enrolled_mfa_factors', 'Maximum number of verified factors reached, unenroll to continue'),
  enrollAal: () => new AuthError(403, 'insufficient_aal', 'AAL2 required to enroll a new factor'),
  unenrollAal: () => new AuthError(422, 'insufficient_aal', 'AAL2 required to unenroll verified factor'),
};

/** Serves the /factors routes; false when the path is not one of them. */
export async function mfaRoute(
  ctx: AuthContext,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
): Promise<boolean> {
  if (method === 'POST' && path === '/factors') {
    await enroll(ctx, req, res);
    return true;
  }
  const match = /^\/factors\/([^/]+)(\/challenge|\/verify)?$/.exec(path);
  if (!match) return false;
  const [, factorId, action] = match;
  if (action === '/challenge' && method === 'POST') await challenge(ctx, req, res, factorId);
  else if (action === '/verify' && method === 'POST') await verify(ctx, req, res, factorId);
  else if (!action && method === 'DELETE') await unenroll(ctx, req, res, factorId);
  else return false;
  return true;
}

/** The caller, with the session GoTrue requires of every factor route. */
async function caller(ctx: AuthContext, req: IncomingMessage): Promise<Authenticated & { sessionId: string }> {
  const authenticated = await authenticate(ctx, req);
  if (!authenticated.sessionId)
    throw new AuthError(500, 'unexpected_failure', 'A valid session and a registered user are required to enroll a factor');
  if (authenticated.user.is_anonymous) throw new AuthError(403, 'no_authorization', 'Anonymous user not allowed to perform these actions');
  return { ...authenticated, sessionId: authenticated.sessionId };
}

/** GoTrue's loadFactor: the caller's own factor, or 404. */
async function loadFactor(db: Db, userId: string, factorId: string, lock = false): Promise<FactorRow> {
  if (!UUID.test(factorId)) throw new AuthError(404, 'validation_failed', 'factor_id must be an UUID');
  const factor = await ownedFactor(db, userId, factorId, lock);
  if (!factor) throw mfaErrors.factorNotFound();
  return factor;
}

async function sessionIsAal2(db: Db, sessionId: string): Promise<boolean> {
  return (await sessionAssurance(db, sessionId)).aal === 'aal2';
}

async function enroll(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const me = await caller(ctx, req);
  const body = await readJson(req);
  const factorType = optionalString(body, 'factor_type');
  const friendlyName = optionalString(body, 'friendly_name') ?? '';
  const issuer = optionalString(body, 'issuer') || new URL(ctx.siteUrl).host;
  if (factorType === 'phone') throw new AuthError(422, 'mfa_phone_enroll_not_enabled', 'MFA enroll is disabled for Phone');
  if (factorType === 'webauthn') throw new AuthError(422, 'mfa_webauthn_enroll_not_enabled', 'MFA enroll is disabled for WebAuthn');
  if (factorType !== 'totp') throw errors.validation('factor_type needs to be totp, phone, or webauthn');
  if (!ctx.settings.totpEnroll) throw new AuthError(422, 'mfa_totp_enroll_not_enabled', 'MFA enroll is disabled for TOTP');

  const secret = new Secret({ size: 20 }).base32;
  const uri = new TOTP({ issuer, label: me.user.email ?? '', secret, ...TOTP_PARAMS }).toString();
  const qrCode = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'H', margin: 1 });
  const at = ctx.now();
  const factor = await transaction(ctx.pool, async (db) => {
    // GoTrue's validateFactors: stale unverified factors go, then names, counts and level are checked.
    await db.query(
      `delete from auth.mfa_factors f where f.user_id = $1 and f.status <> 'verified'
          and not exists (select from auth.mfa_challenges c where c.factor_id = f.id)
          and f.created_at < $2::timestamptz - make_interval(secs => $3)`,
      [me.user.id, at, UNVERIFIED_FACTOR_SECONDS],
    );
    const existing = await userFactors(db, me.user.id);
    if (existing.some((f) => (f.friendly_name ?? '') === friendlyName)) throw mfaErrors.nameConflict(friendlyName);
    if (existing.length >= ctx.settings.maxEnrolledFactors) throw mfaErrors.tooMany();
    if (existing.some((f) => f.status === 'verified') && !(await sessionIsAal2(db, me.sessionId))) throw mfaErrors.enrollAal();
    const { rows } = await db.query<FactorRow>(
      `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
       values ($1, $2, $3, 'totp', 'unverified', $4, $4, $5)
       returning id, user_id, friendly_name, factor_type::text, status::text, created_at, updated_at, secret, last_challenged_at`,
      [randomUUID(), me.user.id, friendlyName, at, secret],
    );
    await audit(db, {
      action: 'factor_in_progress',
      actorId: me.user.id,
      actorUsername: me.user.email,
      logType: 'factor',
      traits: { factor_id: rows[0].id },
      ip: clientIp(req),
      at,
    });
    return rows[0];
  });
  sendJson(res, 200, {
    id: factor.id,
    type: 'totp',
    friendly_name: factor.friendly_name ?? '',
    totp: { qr_code: qrCode, secret, uri },
  });
}

async function challenge(ctx: AuthContext, req: IncomingMessage, res: ServerResponse, factorId: string) {
  const me = await caller(ctx, req);
  // The body (GoTrue reads `channel` for phone factors) has nothing TOTP needs; it must still be JSON.
  await readJson(req);
  if (!ctx.limiter.take('mfaChallengePerUser', me.user.id)) throw errors.rateLimited();
  if (!ctx.settings.totpVerify) throw new AuthError(422, 'mfa_totp_verify_not_enabled', 'MFA verification is disabled for TOTP');
  const at = ctx.now();
  const created = await transaction(ctx.pool, async (db) => {
    const factor = await loadFactor(db, me.user.id, factorId);
    const id = randomUUID();
    await db.query(`insert into auth.mfa_challenges (id, factor_id, created_at, ip_address) values ($1, $2, $3, $4)`, [
      id,
      factor.id,
      at,
      clientIp(req) || '0.0.0.0',
    ]);
    await db.query(`update auth.mfa_factors set last_challenged_at = $2 where id = $1`, [factor.id, at]);
    await audit(db, {
      action: 'challenge_created',
      actorId: me.user.id,
      actorUsername: me.user.email,
      logType: 'factor',
      traits: { factor_id: factor.id, factor_status: factor.status },
      ip: clientIp(req),
      at,
    });
    return { id, type: factor.factor_type };
  });
  sendJson(res, 200, { id: created.id, type: created.type, expires_at: Math.floor(at.getTime() / 1000) + CHALLENGE_SECONDS });
}

interface ChallengeRow {
  id: string;
  created_at: Date;
  verified_at: Date | null;
  ip_address: string;
}

/** The time step the code matches within the skew, unless a step this late was used already; else null. */
function acceptedStep(secret: string, code: string, at: Date, lastUsedStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const timestamp = at.getTime();
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), timestamp, window: SKEW_STEPS, ...TOTP_PARAMS });
  if (delta === null) return null;
  const step = TOTP.counter({ period: TOTP_PARAMS.period, timestamp }) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}

async function lastUsedStep(db: Db, factorId: string): Promise<number | null> {
  const { rows } = await db.query<{ step: string | null }>(
    `select max(substr(otp_code, length($2) + 1)::bigint)::text as step from auth.mfa_challenges
      where factor_id = $1 and verified_at is not null and starts_with(otp_code, $2)`,
    [factorId, STEP_PREFIX],
  );
  return rows[0]?.step ? Number(rows[0].step) : null;
}

async function verify(ctx: AuthContext, req: IncomingMessage, res: ServerResponse, factorId: string) {
  const me = await caller(ctx, req);
  const body = await readJson(req);
  const challengeId = optionalString(body, 'challenge_id');
  const code = optionalString(body, 'code')?.trim() ?? '';
  if (!challengeId || !UUID.test(challengeId)) throw errors.badJson('Could not read field "challenge_id": expected a UUID');
  if (!code) throw errors.validation('Code needs to be non-empty');
  // Every attempt counts, right or wrong, so guessing is as slow as the limit.
  if (!ctx.limiter.take('mfaVerifyPerUser', me.user.id)) throw errors.rateLimited();
  if (!ctx.settings.totpVerify) throw new AuthError(422, 'mfa_totp_verify_not_enabled', 'MFA verification is disabled for TOTP');
  const at = ctx.now();
  const ip = clientIp(req) || '0.0.0.0';

  const outcome = await transaction(ctx.pool, async (db): Promise<{ issued: IssuedSession } | { error: AuthError }> => {
    const factor = await loadFactor(db, me.user.id, factorId, true);
    const { rows } = await db.query<ChallengeRow>(
      `select id, created_at, verified_at, host(ip_address) as ip_address from auth.mfa_challenges where id = $1 and factor_id = $2`,
      [challengeId, factor.id],
    );
    const found = rows[0];
    if (!found) return { error: mfaErrors.challengeNotFound() };
    if (found.verified_at || found.ip_address !== ip) return { error: mfaErrors.ipMismatch() };
    if (at.getTime() - found.created_at.getTime() > CHALLENGE_SECONDS * 1000) {
      await db.query(`delete from auth.mfa_challenges where id = $1`, [found.id]);
      return { error: mfaErrors.challengeExpired(found.id) };
    }
    const step = factor.secret ? acceptedStep(factor.secret, code, at, await lastUsedStep(db, factor.id)) : null;
    if (step === null) return { error: mfaErrors.invalidCode() };

    await audit(db, {
      action: 'verification_attempted',
      actorId: me.user.id,
      actorUsername: me.user.email,
      logType: 'factor',
      traits: { factor_id: factor.id, challenge_id: found.id, factor_type: factor.factor_type },
      ip,
      at,
    });
    await db.query(`update auth.mfa_challenges set verified_at = $2, otp_code = $3 where id = $1`, [found.id, at, `${STEP_PREFIX}${step}`]);
    if (factor.status !== 'verified')
      await db.query(`update auth.mfa_factors set status = 'verified', updated_at = $2 where id = $1`, [factor.id, at]);
    await addClaim(db, me.sessionId, 'totp', at);
    await db.query(`update auth.sessions set aal = 'aal2', factor_id = $2, updated_at = $3 where id = $1`, [me.sessionId, factor.id, at]);
    // As GoTrue: the session's refresh token is swapped, so the one from before the second step is spent.
    const refreshToken = await swapRefreshToken(db, me.user.id, me.sessionId, at);
    // Sessions that never proved a second factor end (the account now has one), and so do unfinished enrolments.
    await db.query(`delete from auth.sessions where user_id = $1 and id <> $2 and (aal is null or aal < 'aal2')`, [
      me.user.id,
      me.sessionId,
    ]);
    await db.query(`delete from auth.mfa_factors where user_id = $1 and status = 'unverified' and factor_type = $2`, [
      me.user.id,
      factor.factor_type,
    ]);
    const user = (await findUserById(db, me.user.id))!;
    return {
      issued: {
        user,
        userJson: await userJson(db, user),
        sessionId: me.sessionId,
        refreshToken,
        amr: 'password',
        authenticatedAt: me.sessionCreatedAt ?? at,
        assurance: await sessionAssurance(db, me.sessionId),
      },
    };
  });
  // A refused code commits nothing but an expired challenge's removal; it is answered after that.
  if ('error' in outcome) throw outcome.error;
  sendJson(res, 200, await tokenResponse(ctx, outcome.issued));
}

async function swapRefreshToken(db: Db, userId: string, sessionId: string, at: Date): Promise<string> {
  const { rows } = await db.query<{ token: string }>(
    `update auth.refresh_tokens set revoked = true, updated_at = $2 where session_id = $1 and revoked = false returning token`,
    [sessionId, at],
  );
  return insertRefreshToken(db, userId, sessionId, rows[rows.length - 1]?.token ?? null, at);
}

async function unenroll(ctx: AuthContext, req: IncomingMessage, res: ServerResponse, factorId: string) {
  const me = await caller(ctx, req);
  const at = ctx.now();
  const removed = await transaction(ctx.pool, async (db) => {
    const factor = await loadFactor(db, me.user.id, factorId, true);
    if (factor.status === 'verified' && !(await sessionIsAal2(db, me.sessionId))) throw mfaErrors.unenrollAal();
    await db.query(`delete from auth.mfa_factors where id = $1`, [factor.id]);
    await audit(db, {
      action: 'factor_unenrolled',
      actorId: me.user.id,
      actorUsername: me.user.email,
      logType: 'factor',
      traits: { factor_id: factor.id, factor_status: factor.status, session_id: me.sessionId },
      ip: clientIp(req),
      at,
    });
    // GoTrue's DowngradeSessionsToAAL1: sessions won with this factor lose what it proved.
    const { rows } = await db.query<{ id: string }>(
      `update auth.sessions set aal = 'aal1', factor_id = null, updated_at = $2 where factor_id = $1 returning id`,
      [factor.id, at],
    );
    if (rows.length)
      await db.query(`delete from auth.mfa_amr_claims where session_id = any($1::uuid[]) and authentication_method = 'totp'`, [
        rows.map((r) => r.id),
      ]);
    return factor;
  });
  sendJson(res, 200, { id: removed.id });
}
