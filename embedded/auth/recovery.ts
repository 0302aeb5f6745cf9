// Password recovery: POST /recover mails a single-use link, POST and GET /verify redeem it.
//
// Tokens are random, stored only as their SHA-256 in auth.one_time_tokens, deleted when used, and
// expire after 24 hours: the privacy notice promises exactly that for email-link tokens.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson, sendJson } from '../http';
import { audit } from './audit';
import { transaction, type AuthContext } from './context';
import { errors, toAuthError } from './errors';
import { checkEmail, optionalString } from './input';
import { clientIp, createSession, tokenResponse, type IssuedSession } from './sessions';
import { findUserByEmail, findUserById, normalizeEmail } from './users';

export const RECOVERY_TOKEN_HOURS = 24;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Only the app's own origin may receive tokens; anything else falls back to the site URL, as
 * GoTrue's allow list does. A local site also accepts its other local spellings and ports
 * (localhost vs 127.0.0.1), which only reach this machine.
 */
function allowedRedirect(ctx: AuthContext, redirectTo: string | null | undefined): string {
  if (!redirectTo) return ctx.siteUrl;
  try {
    const url = new URL(redirectTo);
    const site = new URL(ctx.siteUrl);
    const bothLocal = LOCAL_HOSTS.has(site.hostname) && LOCAL_HOSTS.has(url.hostname) && url.protocol === 'http:';
    if (url.origin === site.origin || bothLocal) return url.toString();
  } catch {
    // not a URL: fall back
  }
  return ctx.siteUrl;
}

export async function recover(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const body = await readJson(req);
  const rawEmail = optionalString(body, 'email');
  if (!rawEmail) throw errors.validation('Password recovery requires an email');
  const email = normalizeEmail(rawEmail);
  checkEmail(email);
  if (!ctx.limiter.take('recoverPerIp', clientIp(req)) || !ctx.limiter.take('recoverPerEmail', email)) throw errors.rateLimited();
  const redirectTo = allowedRedirect(ctx, new URL(req.url ?? '/', 'http://localhost').searchParams.get('redirect_to'));

  const token = randomBytes(32).toString('base64url');
  const at = ctx.now();
  const user = await transaction(ctx.pool, async (db) => {
    const found = await findUserByEmail(db, email);
    if (!found) return null;
    // One live recovery link per user: a new request replaces the old one.
    await db.query(`delete from auth.one_time_tokens where user_id = $1 and token_type = 'recovery_token'`, [found.id]);
    await db.query(
      `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
       values ($1, $2, 'recovery_token', $3, $4, ($5::timestamptz at time zone 'UTC'), ($5::timestamptz at time zone 'UTC'))`,
      [randomUUID(), found.id, hashToken(token), email, at],
    );
    await db.query(`update auth.users set recovery_sent_at = $2 where id = $1`, [found.id, at]);
    await audit(db, { action: 'user_recovery_requested', actorId: found.id, actorUsername: email, logType: 'user', ip: clientIp(req), at });
    return found;
  });
  if (user) {
    // First link: the app's route handler (server-side verifyOtp, HttpOnly cookies). Second: GoTrue's own.
    const appLink = `${ctx.siteUrl.replace(/\/$/, '')}/auth/confirm?${new URLSearchParams({ token_hash: token, type: 'recovery', next: '/reset-password' })}`;
    const apiLink = `${ctx.apiUrl}/auth/v1/verify?${new URLSearchParams({ token, type: 'recovery', redirect_to: redirectTo })}`;
    ctx.outbox.send({
      to: email,
      subject: 'Återställ ditt lösenord',
      text: [
        'Hej!',
        '',
        'Någon (förhoppningsvis du) har bett om att återställa lösenordet till ditt konto hos Konsultverkstad.',
        'Öppna länken nedan för att välja ett nytt lösenord. Länken fungerar en gång och gäller i 24 timmar.',
        '',
        appLink,
        '',
        'Om du inte bad om detta kan du bortse från det här mejlet.',
      ].join('\n'),
      links: [appLink, apiLink],
    });
  }
  // Unknown addresses get the same answer: no account enumeration.
  sendJson(res, 200, {});
}

const TOKEN_TYPES: Record<string, string> = {
  recovery: 'recovery_token',
  signup: 'confirmation_token',
  email: 'confirmation_token',
  magiclink: 'confirmation_token',
  invite: 'confirmation_token',
};

/** Consumes a link token: deleted whether fresh or expired, so it never works twice. */
async function redeem(ctx: AuthContext, req: IncomingMessage, type: string, token: string): Promise<IssuedSession> {
  const tokenType = TOKEN_TYPES[type];
  if (!tokenType) throw errors.validation(`Unsupported verification type "${type}"`);
  const at = ctx.now();
  const outcome = await transaction(ctx.pool, async (db) => {
    const { rows } = await db.query<{ user_id: string; fresh: boolean }>(
      `delete from auth.one_time_tokens
        where token_hash = $1 and token_type = $2::auth.one_time_token_type
        returning user_id, created_at > ($3::timestamptz at time zone 'UTC') - make_interval(hours => $4) as fresh`,
      [hashToken(token), tokenType, at, RECOVERY_TOKEN_HOURS],
    );
    const row = rows[0];
    if (!row?.fresh) return null;
    const user = await findUserById(db, row.user_id);
    if (!user) return null;
    if (!user.email_confirmed_at) await db.query(`update auth.users set email_confirmed_at = $2 where id = $1`, [user.id, at]);
    const session = await createSession(db, user, req, at, 'otp');
    await audit(db, { action: 'login', actorId: user.id, actorUsername: user.email, logType: 'account', traits: { provider: 'email', via: type }, ip: clientIp(req), at });
    return session;
  });
  if (!outcome) throw errors.otpExpired();
  return outcome;
}

/** POST /verify, what `verifyOtp({ type, token_hash })` sends: answers with a session. */
export async function verifyPost(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const body = await readJson(req);
  const type = optionalString(body, 'type');
  const tokenHash = optionalString(body, 'token_hash');
  if (!type) throw errors.validation('Verify requires a verification type');
  // Six-digit email codes are never sent by this stand-in, so a `token` can only be a link token.
  const token = tokenHash ?? optionalString(body, 'token');
  if (!token) throw errors.validation('Verify requires a token or a token hash');
  const issued = await redeem(ctx, req, type, token);
  sendJson(res, 200, await tokenResponse(ctx, issued));
}

/** GET /verify, the link in the email: redirects with the session (or the error) in the URL fragment. */
export async function verifyGet(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const redirectTo = allowedRedirect(ctx, query.get('redirect_to'));
  const type = query.get('type') ?? '';
  let fragment: URLSearchParams;
  try {
    const token = query.get('token') ?? query.get('token_hash');
    if (!token) throw errors.validation('Verify requires a token');
    const session = await tokenResponse(ctx, await redeem(ctx, req, type, token));
    fragment = new URLSearchParams({
      access_token: session.access_token,
      expires_at: String(session.expires_at),
      expires_in: String(session.expires_in),
      refresh_token: session.refresh_token,
      token_type: 'bearer',
      type,
    });
  } catch (error) {
    const authError = toAuthError(error);
    if (!authError) throw error;
    fragment = new URLSearchParams({
      error: authError.status === 403 ? 'access_denied' : 'invalid_request',
      error_code: authError.errorCode,
      error_description: authError.message,
    });
  }
  const target = new URL(redirectTo);
  target.hash = fragment.toString();
  res.writeHead(303, { location: target.toString() }).end();
}
