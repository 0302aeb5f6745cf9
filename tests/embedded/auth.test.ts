// Auth API conformance through the real supabase-js client: sign-up, sign-in, claims verified
// locally against the JWKS, the user endpoint, updates, sign-out, and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmationLink } from '../support/stand-in';
import { startAuthHarness, startExtraAuthGateway, uniqueEmail, type AuthHarness } from './auth-harness';

let h: AuthHarness;

beforeAll(async () => {
  h = await startAuthHarness();
});

afterAll(async () => {
  await h?.stop();
});

async function auditActions(userId: string): Promise<string[]> {
  const { rows } = await h.db.query<{ action: string }>(
    `select payload->>'action' as action from auth.audit_log_entries where payload->>'actor_id' = $1 order by created_at, id`,
    [userId],
  );
  return rows.map((r) => r.action);
}

describe('sign-up and sign-in', () => {
  it('signs up with confirmations on (config.toml, as hosted): no session until the mailed link, metadata stored, identity row written', async () => {
    const email = uniqueEmail('signup');
    const client = h.client();
    const { data, error } = await client.auth.signUp({ email, password: 'hemligt-1', options: { data: { full_name: 'Anna Andersson' } } });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user).toMatchObject({ email, aud: 'authenticated', role: 'authenticated', app_metadata: { provider: 'email' } });
    expect(data.user?.email_confirmed_at).toBeUndefined();
    expect(data.user?.user_metadata.full_name).toBe('Anna Andersson');
    expect(data.user?.identities?.[0]).toMatchObject({ provider: 'email', user_id: data.user?.id });
    expect((await client.auth.signInWithPassword({ email, password: 'hemligt-1' })).error).toMatchObject({ code: 'email_not_confirmed' });

    const confirmed = await client.auth.verifyOtp({
      type: 'signup',
      token_hash: confirmationLink(h.standIn.outbox, email).searchParams.get('token_hash')!,
    });
    expect(confirmed.error).toBeNull();
    expect(confirmed.data.session?.token_type).toBe('bearer');
    expect(confirmed.data.session?.expires_in).toBe(3600);
    expect(confirmed.data.user?.email_confirmed_at).toBeTruthy();

    const { rows } = await h.db.query(
      `select u.encrypted_password, u.raw_user_meta_data, i.provider from auth.users u join auth.identities i on i.user_id = u.id where u.email = $1`,
      [email],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].encrypted_password).toMatch(/^\$2[aby]\$10\$/);
    expect(rows[0].raw_user_meta_data.full_name).toBe('Anna Andersson');
  });

  it('with confirmations off: a session at once, and a second sign-up for the address is refused (user_already_exists, 422), whatever the case', async () => {
    const autoconfirming = await startExtraAuthGateway(h, { settings: { confirmations: false } });
    try {
      const email = uniqueEmail('genast');
      const first = await autoconfirming.client().auth.signUp({ email, password: 'hemligt-1' });
      expect(first.error).toBeNull();
      expect(first.data.session?.access_token).toBeTruthy();
      const { error } = await autoconfirming.client().auth.signUp({ email: email.toUpperCase(), password: 'annat-lösen' });
      expect(error).toMatchObject({ status: 422, code: 'user_already_exists' });
    } finally {
      await autoconfirming.stop();
    }
  });

  it('refuses short passwords (weak_password) and malformed addresses (email_address_invalid)', async () => {
    const weak = await h.client().auth.signUp({ email: uniqueEmail(), password: '12345' });
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
    const bad = await h.client().auth.signUp({ email: 'inte-en-adress', password: 'hemligt-1' });
    expect(bad.error).toMatchObject({ status: 400, code: 'email_address_invalid' });
  });

  it('signs in with the right password and refuses a wrong one (invalid_credentials), both audited', async () => {
    const { email, password, id } = await h.user();
    const ok = await h.client().auth.signInWithPassword({ email, password });
    expect(ok.error).toBeNull();
    expect(ok.data.user?.id).toBe(id);
    expect(ok.data.session?.refresh_token).toBeTruthy();

    const wrong = await h.client().auth.signInWithPassword({ email, password: 'fel-lösenord' });
    expect(wrong.error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
    const unknown = await h.client().auth.signInWithPassword({ email: uniqueEmail('nobody'), password });
    expect(unknown.error).toMatchObject({ status: 400, code: 'invalid_credentials' });

    // The confirmation and its first login share a timestamp, so compare without order.
    expect((await auditActions(id)).sort()).toEqual(['login', 'login', 'login_failed', 'user_confirmation_requested', 'user_signedup']);
    const { rows } = await h.db.query(`select payload from auth.audit_log_entries where payload->>'actor_id' = $1`, [id]);
    expect(rows[0].payload).toMatchObject({ actor_id: id, actor_username: email });
    expect(rows[0].payload).toHaveProperty('log_type');
    expect(rows[0].payload).toHaveProperty('traits');
  });

  it('verifies a pgcrypto crypt() hash ($2a$), as the seed writes them', async () => {
    const { email, id } = await h.user();
    await h.db.query(`update auth.users set encrypted_password = extensions.crypt('frö-lösen', extensions.gen_salt('bf')) where id = $1`, [
      id,
    ]);
    const { rows } = await h.db.query(`select encrypted_password from auth.users where id = $1`, [id]);
    expect(rows[0].encrypted_password).toMatch(/^\$2a\$/);
    const { error } = await h.client().auth.signInWithPassword({ email, password: 'frö-lösen' });
    expect(error).toBeNull();
  });

  it('refuses a banned user (user_banned) once the password is right', async () => {
    const { email, password, id } = await h.user();
    await h.db.query(`update auth.users set banned_until = now() + interval '1 day' where id = $1`, [id]);
    expect((await h.client().auth.signInWithPassword({ email, password })).error).toMatchObject({ status: 400, code: 'user_banned' });
    expect((await h.client().auth.signInWithPassword({ email, password: 'fel-lösen' })).error?.code).toBe('invalid_credentials');
  });
});

describe('access tokens', () => {
  it('getClaims() verifies the ES256 token locally against the JWKS and sees GoTrue claims', async () => {
    const { id, email, password } = await h.user();
    const client = h.client();
    expect((await client.auth.signInWithPassword({ email, password })).error).toBeNull();
    const { data, error } = await client.auth.getClaims();
    expect(error).toBeNull();
    expect(data?.header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(data?.header.kid).toBeTruthy();
    expect(data?.claims).toMatchObject({
      sub: id,
      email,
      aud: 'authenticated',
      role: 'authenticated',
      aal: 'aal1',
      is_anonymous: false,
      iss: `${h.apiUrl}/auth/v1`,
      app_metadata: { provider: 'email', providers: ['email'] },
    });
    expect(data?.claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(data?.claims.amr?.[0]).toMatchObject({ method: 'password' });

    const jwks = await (await fetch(`${h.apiUrl}/auth/v1/.well-known/jwks.json`)).json();
    expect(jwks.keys[0]).toMatchObject({ kid: data?.header.kid, kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('getUser() asks the server and returns the same user', async () => {
    const { client, id } = await h.user();
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user?.id).toBe(id);
  });
});

describe('updateUser', () => {
  it('changes the password: the old one stops working, the new one signs in', async () => {
    const { client, email, password, id } = await h.user();
    const { error } = await client.auth.updateUser({ password: 'nytt-lösen-2' });
    expect(error).toBeNull();
    expect((await h.client().auth.signInWithPassword({ email, password })).error?.code).toBe('invalid_credentials');
    expect((await h.client().auth.signInWithPassword({ email, password: 'nytt-lösen-2' })).error).toBeNull();
    expect(await auditActions(id)).toContain('user_updated_password');
  });

  it('refuses the same password again and too short ones', async () => {
    const { client, password } = await h.user();
    expect((await client.auth.updateUser({ password })).error).toMatchObject({ status: 422, code: 'same_password' });
    expect((await client.auth.updateUser({ password: 'kort' })).error).toMatchObject({ status: 422, code: 'weak_password' });
  });

  it('a new password signs out the user’s other sessions', async () => {
    const { client, email, password } = await h.user();
    const other = h.client();
    await other.auth.signInWithPassword({ email, password });
    expect((await client.auth.updateUser({ password: 'nytt-lösen-3' })).error).toBeNull();
    expect((await client.auth.getUser()).error).toBeNull();
    expect((await other.auth.getUser()).error?.name).toBe('AuthSessionMissingError');
  });

  it('merges user_metadata; an email change to a taken address is email_exists', async () => {
    const { client, id } = await h.user();
    const { data, error } = await client.auth.updateUser({ data: { locale: 'sv' } });
    expect(error).toBeNull();
    expect(data.user?.user_metadata.locale).toBe('sv');
    expect(await auditActions(id)).toContain('user_modified');

    const taken = await h.user();
    expect((await client.auth.updateUser({ email: taken.email })).error).toMatchObject({ status: 422, code: 'email_exists' });
  });
  it('a refresh after updating user_metadata carries it in the new access token', async () => {
    const { client } = await h.user();
    expect((await client.auth.updateUser({ data: { locale: 'en' } })).error).toBeNull();
    expect((await client.auth.refreshSession()).error).toBeNull();
    const { data } = await client.auth.getClaims();
    expect(data?.claims.user_metadata?.locale).toBe('en');
  });
});

describe('signOut', () => {
  it('local: ends this session only; its refresh token and access token stop working', async () => {
    const { client, email, password } = await h.user();
    const other = h.client();
    await other.auth.signInWithPassword({ email, password });
    const { data: before } = await client.auth.getSession();
    const accessToken = before.session!.access_token;
    const refreshToken = before.session!.refresh_token;

    expect((await client.auth.signOut({ scope: 'local' })).error).toBeNull();
    const gone = await h.raw('/user', { headers: { authorization: `Bearer ${accessToken}` } });
    expect(gone.status).toBe(403);
    expect(await gone.json()).toMatchObject({ code: 403, error_code: 'session_not_found' });
    expect((await h.client().auth.refreshSession({ refresh_token: refreshToken })).error).toMatchObject({
      code: 'refresh_token_not_found',
    });
    expect((await other.auth.getUser()).error).toBeNull();
  });

  it('global: ends every session of the user', async () => {
    const { client, email, password, id } = await h.user();
    const other = h.client();
    await other.auth.signInWithPassword({ email, password });
    expect((await client.auth.signOut({ scope: 'global' })).error).toBeNull();
    expect((await other.auth.getUser()).error?.name).toBe('AuthSessionMissingError');
    const { rows } = await h.db.query(`select count(*)::int as n from auth.sessions where user_id = $1`, [id]);
    expect(rows[0].n).toBe(0);
    expect(await auditActions(id)).toContain('logout');
  });

  it('others: keeps this session, ends the rest', async () => {
    const { client, email, password } = await h.user();
    const other = h.client();
    await other.auth.signInWithPassword({ email, password });
    expect((await client.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await client.auth.getUser()).error).toBeNull();
    expect((await other.auth.getUser()).error?.name).toBe('AuthSessionMissingError');
  });
});

describe('settings and health', () => {
  it('answers GET /settings and /health', async () => {
    const settings = await (await h.raw('/settings')).json();
    expect(settings).toMatchObject({ external: { email: true }, disable_signup: false, mailer_autoconfirm: false });
    expect((await h.raw('/health')).status).toBe(200);
  });
});
