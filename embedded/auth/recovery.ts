// Password recovery: POST /recover mails a single-use link (redeemed by verify.ts).
//
// Known and unknown addresses get the same answer after the same work: one statement that writes
// the token only when the address has an account, so neither the answer nor the number of round
// trips tells whether an account exists. With PKCE the same statement saves the flow state.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson, sendJson } from '../http';
import { auditPayload } from './audit';
import type { AuthContext } from './context';
import { errors } from './errors';
import { checkEmail, optionalString } from './input';
import { sendRecovery } from './mails';
import { allowedRedirect } from './redirects';
import { clientIp } from './sessions';
import { flowPrefix, readPkce } from './pkce';
import { hashToken, newLinkToken } from './tokens';
import { normalizeEmail } from './users';

export async function recover(ctx: AuthContext, req: IncomingMessage, res: ServerResponse) {
  const body = await readJson(req);
  const rawEmail = optionalString(body, 'email');
  if (!rawEmail) throw errors.validation('Password recovery requires an email');
  const pkce = readPkce(body);
  const email = normalizeEmail(rawEmail);
  checkEmail(email);
  if (!ctx.limiter.take('recoverPerIp', clientIp(req)) || !ctx.limiter.take('recoverPerEmail', email)) throw errors.rateLimited();
  const redirectTo = allowedRedirect(ctx, new URL(req.url ?? '/', 'http://localhost').searchParams.get('redirect_to'));

  // The token is made for every request; it is stored only when the address has an account.
  const token = `${flowPrefix(pkce)}${newLinkToken()}`;
  const at = ctx.now();
  const { rows } = await ctx.pool.query<{ id: string }>(
    `with found as (
       select id from auth.users where lower(email) = $1 and is_sso_user = false and deleted_at is null limit 1
     ), token as (
       insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
       select gen_random_uuid(), found.id, 'recovery_token', $2, $1, ($3::timestamptz at time zone 'UTC'), ($3::timestamptz at time zone 'UTC') from found
       on conflict (user_id, token_type) do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
         created_at = excluded.created_at, updated_at = excluded.updated_at
       returning user_id
     ), sent as (
       update auth.users u set recovery_sent_at = $3 from token where u.id = token.user_id returning u.id
     ), flow as (
       insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type, authentication_method, created_at, updated_at)
       select gen_random_uuid(), sent.id, gen_random_uuid()::text, $7::auth.code_challenge_method, $6, 'recovery', 'recovery', $3, $3
         from sent where $6::text is not null
     ), audited as (
       insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)
       select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), $5::jsonb || jsonb_build_object('actor_id', sent.id), $3, $4
         from sent
     )
     select id from sent`,
    [
      email,
      hashToken(token),
      at,
      clientIp(req).slice(0, 64),
      JSON.stringify(auditPayload({ action: 'user_recovery_requested', actorId: null, actorUsername: email, logType: 'user' })),
      pkce?.challenge ?? null,
      pkce?.method ?? null,
    ],
  );
  if (rows.length > 0) sendRecovery(ctx, email, token, redirectTo);
  sendJson(res, 200, {});
}
