// The embedded Auth API: the Supabase Auth (GoTrue) routes that @supabase/supabase-js and
// @supabase/ssr call, mounted by the gateway at /auth/v1, on the real auth.* tables.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import type { ServiceHandler } from '../api-server';
import { bearerToken, dropUnreadBody, readJson, sendJson } from '../http';
import type { SigningKeys } from '../keys';
import type { Outbox } from '../../lib/email/outbox';
import { getUser, logout, passwordGrant, reauthenticate, signUp, updateUser } from './accounts';
import type { AuthContext } from './context';
import { AuthError, errors, sendAuthError, toAuthError } from './errors';
import { optionalString } from './input';
import { configuredLimits, DEFAULT_RATE_LIMITS, RateLimiter, type RateLimit, type RateLimitName } from './rate-limit';
import { mfaRoute } from './mfa';
import { pkceGrant } from './pkce';
import { recover } from './recovery';
import { clientIp, refresh } from './sessions';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from './settings';
import { verifyGet, verifyPost } from './verify';

export type { RateLimit, RateLimitName } from './rate-limit';
export { readAuthSettings, type AuthSettings } from './settings';
export { TOKEN_HOURS as RECOVERY_TOKEN_HOURS } from './tokens';

export interface AuthApiOptions {
  pool: pg.Pool;
  keys: SigningKeys;
  outbox: Outbox;
  /** The gateway's URL, without /auth/v1. */
  apiUrl: string;
  /** The app's URL: email links and default redirects go there. */
  siteUrl: string;
  now?: () => Date;
  /** Overrides of the per-IP/per-email request limits (tests set small ones). */
  rateLimits?: Partial<Record<RateLimitName, RateLimit>>;
  /** GoTrue's refresh_token_reuse_interval, default 10 s. */
  refreshReuseSeconds?: number;
  /** What supabase/config.toml sets (readAuthSettings); the CLI's defaults otherwise. */
  settings?: Partial<AuthSettings>;
}

export function createAuthApi(opts: AuthApiOptions): ServiceHandler {
  const now = opts.now ?? (() => new Date());
  const settings = { ...DEFAULT_AUTH_SETTINGS, ...opts.settings };
  const ctx: AuthContext = {
    pool: opts.pool,
    keys: opts.keys,
    outbox: opts.outbox,
    apiUrl: opts.apiUrl.replace(/\/$/, ''),
    siteUrl: opts.siteUrl.replace(/\/$/, ''),
    now,
    limiter: new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...configuredLimits(settings.rateLimits), ...opts.rateLimits }, now),
    settings,
    refreshReuseSeconds: opts.refreshReuseSeconds ?? 10,
  };
  // CORS is the gateway's (embedded/http.ts corsFor): only the site URL may call from a browser.
  return async (req, res, subpath) => {
    try {
      await route(ctx, req, res, subpath);
    } catch (error) {
      let authError = toAuthError(error);
      if (!authError) {
        console.error(`[embedded auth] ${req.method} ${subpath}:`, error);
        authError = new AuthError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information');
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      dropUnreadBody(req);
      sendAuthError(res, authError);
    }
  };
}

/** The app's origins: the site and any listed redirect URL's. Only they may read Auth's answers in a browser. */
/** Routes that Supabase's gateway leaves open: links clicked in an email and the public keys. */
function isOpenRoute(method: string, path: string) {
  return (method === 'GET' && path === '/verify') || path === '/.well-known/jwks.json';
}

/** The gateway's key check: the anon or service-role key, in `apikey` (header or query) or as the bearer. */
function checkApiKey(ctx: AuthContext, req: IncomingMessage) {
  const header = req.headers.apikey;
  const apikey =
    (typeof header === 'string' ? header : undefined) ??
    new URL(req.url ?? '/', 'http://localhost').searchParams.get('apikey') ??
    bearerToken(req);
  if (!apikey) throw errors.invalidApiKey('No API key found in request');
  if (apikey !== ctx.keys.anonKey && apikey !== ctx.keys.serviceRoleKey) throw errors.invalidApiKey('Invalid API key');
}

async function route(ctx: AuthContext, req: IncomingMessage, res: ServerResponse, subpath: string) {
  const method = req.method ?? 'GET';
  const path = subpath.replace(/\/+$/, '') || '/';
  if (!isOpenRoute(method, path)) checkApiKey(ctx, req);

  switch (`${method} ${path}`) {
    case 'GET /.well-known/jwks.json':
      return sendJson(res, 200, ctx.keys.jwks, { 'cache-control': 'public, max-age=600' });
    case 'GET /health':
      return sendJson(res, 200, { version: 'embedded', name: 'GoTrue', description: 'Konsultverkstad embedded Auth API' });
    case 'GET /settings':
      return sendJson(res, 200, {
        external: { email: true, phone: false, anonymous_users: false },
        disable_signup: false,
        mailer_autoconfirm: !ctx.settings.confirmations,
        phone_autoconfirm: false,
        sms_provider: '',
        saml_enabled: false,
      });
    case 'POST /signup':
      return signUp(ctx, req, res);
    case 'POST /token':
      return token(ctx, req, res);
    case 'GET /user':
      return getUser(ctx, req, res);
    case 'PUT /user':
      return updateUser(ctx, req, res);
    case 'GET /reauthenticate':
      return reauthenticate(ctx, req, res);
    case 'POST /logout':
      return logout(ctx, req, res);
    case 'POST /recover':
      return recover(ctx, req, res);
    case 'POST /verify':
      return verifyPost(ctx, req, res);
    case 'GET /verify':
      return verifyGet(ctx, req, res);
    default:
      if (await mfaRoute(ctx, req, res, method, path)) return;
      throw errors.notFound();
  }
}

async function token(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  if (!ctx.limiter.take('tokenPerIp', clientIp(req))) throw errors.rateLimited();
  const grantType = new URL(req.url ?? '/', 'http://localhost').searchParams.get('grant_type');
  if (grantType === 'password') return passwordGrant(ctx, req, res);
  if (grantType === 'pkce') return pkceGrant(ctx, req, res);
  if (grantType === 'refresh_token') {
    const refreshToken = optionalString(await readJson(req), 'refresh_token');
    if (!refreshToken) throw errors.validation('refresh_token required');
    return sendJson(res, 200, await refresh(ctx, req, refreshToken));
  }
  throw errors.grantUnsupported();
}
