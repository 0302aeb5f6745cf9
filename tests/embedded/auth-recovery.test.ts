// Password recovery: resetPasswordForEmail writes a Swedish email with two links to the outbox;
// the app link is redeemed with verifyOtp({ token_hash }), the API link with GET /verify.
// Tokens are single use, hashed at rest and expire after 24 hours.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthHarness, uniqueEmail, type AuthHarness } from './auth-harness';

let h: AuthHarness;

beforeAll(async () => {
  h = await startAuthHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** Requests a recovery email and returns the links of the newest one. */
async function requestRecovery(email: string, redirectTo?: string) {
  const { error } = await h.client().auth.resetPasswordForEmail(email, redirectTo ? { redirectTo } : {});
  expect(error).toBeNull();
  const messages = h.standIn.outbox.list(email);
  const message = messages[messages.length - 1];
  const appLink = new URL(message.links[0]);
  const apiLink = new URL(message.links[1]);
  return { message, appLink, apiLink, tokenHash: appLink.searchParams.get('token_hash')! };
}

async function verifyHash(tokenHash: string) {
  return h.client().auth.verifyOtp({ type: 'recovery', token_hash: tokenHash });
}

describe('resetPasswordForEmail', () => {
  it('mails a Swedish message: first link to the app’s /auth/confirm, second to GET /verify', async () => {
    const { email, id } = await h.user();
    const { message, appLink, apiLink, tokenHash } = await requestRecovery(email, 'http://localhost:3000/reset-password');
    expect(message.subject).toBe('Återställ ditt lösenord');
    expect(message.text).toContain(message.links[0]);
    expect(`${appLink.origin}${appLink.pathname}`).toBe('http://localhost:3000/auth/confirm');
    expect(appLink.searchParams.get('type')).toBe('recovery');
    expect(appLink.searchParams.get('next')).toBe('/reset-password');
    expect(`${apiLink.origin}${apiLink.pathname}`).toBe(`${h.apiUrl}/auth/v1/verify`);
    expect(apiLink.searchParams.get('redirect_to')).toBe('http://localhost:3000/reset-password');

    // Only a SHA-256 of the token is stored.
    const { rows } = await h.db.query(`select token_hash, token_type from auth.one_time_tokens where user_id = $1`, [id]);
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(tokenHash).digest('hex'), token_type: 'recovery_token' }]);
    const audit = await h.db.query(
      `select 1 from auth.audit_log_entries where payload->>'action' = 'user_recovery_requested' and payload->>'actor_id' = $1`,
      [id],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('answers an unknown address the same way and sends nothing', async () => {
    const email = uniqueEmail('nobody');
    const { error } = await h.client().auth.resetPasswordForEmail(email);
    expect(error).toBeNull();
    expect(h.standIn.outbox.list(email)).toEqual([]);
  });

  it('recovery redirect_to accepts any local port: only the site and config.toml’s redirect URLs are kept', async () => {
    const { email } = await h.user();
    const { apiLink } = await requestRecovery(email, 'https://evil.example/steal');
    expect(apiLink.searchParams.get('redirect_to')).toBe('http://localhost:3000');
    // Another port on this machine is another program: it gets no tokens.
    for (const other of [
      'http://127.0.0.1:3100/auth/confirm?next=/reset-password',
      'http://localhost:3999/auth/confirm',
      'http://[::1]:3000/',
    ]) {
      expect((await requestRecovery(email, other)).apiLink.searchParams.get('redirect_to')).toBe('http://localhost:3000');
    }
    const own = await requestRecovery(email, 'http://localhost:3000/auth/confirm?next=/reset-password');
    expect(own.apiLink.searchParams.get('redirect_to')).toBe('http://localhost:3000/auth/confirm?next=/reset-password');
  });
});

describe('verify', () => {
  it('verifyOtp with token_hash signs in; updateUser sets the new password; the token works once', async () => {
    const { email, id } = await h.user();
    const { tokenHash } = await requestRecovery(email);
    const client = h.client();
    const { data, error } = await client.auth.verifyOtp({ type: 'recovery', token_hash: tokenHash });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(id);
    expect(data.session?.access_token).toBeTruthy();

    expect((await client.auth.updateUser({ password: 'återställt-1' })).error).toBeNull();
    expect((await h.client().auth.signInWithPassword({ email, password: 'återställt-1' })).error).toBeNull();

    const again = await verifyHash(tokenHash);
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired' });
  });

  it('GET /verify redirects (303) with the session in the fragment, then with otp_expired on reuse', async () => {
    const { email, id } = await h.user();
    const { apiLink } = await requestRecovery(email, 'http://localhost:3000/reset-password');
    const first = await fetch(apiLink, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const location = new URL(first.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:3000/reset-password');
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('type')).toBe('recovery');
    expect(fragment.get('token_type')).toBe('bearer');
    expect(fragment.get('expires_in')).toBe('3600');
    expect(fragment.get('refresh_token')).toBeTruthy();
    const { data } = await h.client().auth.getUser(fragment.get('access_token')!);
    expect(data.user?.id).toBe(id);

    const second = await fetch(apiLink, { redirect: 'manual' });
    expect(second.status).toBe(303);
    const failed = new URLSearchParams(new URL(second.headers.get('location')!).hash.slice(1));
    expect(failed.get('error')).toBe('access_denied');
    expect(failed.get('error_code')).toBe('otp_expired');
    expect(failed.get('error_description')).toBeTruthy();
  });

  it('a token older than 24 hours is refused (and gone); a 23-hour-old one still works', async () => {
    const { email, id } = await h.user();
    const old = await requestRecovery(email);
    await h.db.query(`update auth.one_time_tokens set created_at = created_at - interval '25 hours' where user_id = $1`, [id]);
    expect((await verifyHash(old.tokenHash)).error).toMatchObject({ status: 403, code: 'otp_expired' });
    expect((await h.db.query(`select 1 from auth.one_time_tokens where user_id = $1`, [id])).rowCount).toBe(0);

    const recent = await requestRecovery(email);
    await h.db.query(`update auth.one_time_tokens set created_at = created_at - interval '23 hours' where user_id = $1`, [id]);
    expect((await verifyHash(recent.tokenHash)).error).toBeNull();
  });

  it('a newer request replaces the older link', async () => {
    const { email } = await h.user();
    const older = await requestRecovery(email);
    const newer = await requestRecovery(email);
    expect((await verifyHash(older.tokenHash)).error).toMatchObject({ code: 'otp_expired' });
    expect((await verifyHash(newer.tokenHash)).error).toBeNull();
  });

  it('refuses made-up tokens and unknown types', async () => {
    expect((await verifyHash('made-up')).error).toMatchObject({ status: 403, code: 'otp_expired' });
    const res = await h.raw('/verify', { method: 'POST', body: JSON.stringify({ type: 'nonsense', token_hash: 'x' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 400, error_code: 'validation_failed' });
  });

  it('Auth POST /verify {"type":"__proto__"} gives a 500: odd fields are 400 validation_failed in GoTrue’s shape', async () => {
    const bodies = [
      { type: '__proto__' },
      { type: '__proto__', token_hash: 'x' },
      { type: 'constructor', token_hash: 'x' },
      { type: 'toString', token: 'x' },
      { type: 5, token_hash: 'x' },
      { type: 'recovery', token_hash: 5 },
      { type: 'recovery', token_hash: ['x'] },
      { type: 'recovery', token: 'x', token_hash: 'y' },
      { type: 'recovery' },
      {},
    ];
    for (const body of bodies) {
      const res = await h.raw('/verify', { method: 'POST', body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ code: 400, error_code: 'validation_failed', msg: expect.any(String) });
    }
    const link = await fetch(`${h.apiUrl}/auth/v1/verify?type=__proto__&token=x`, { redirect: 'manual' });
    expect(link.status).toBe(303);
    expect(new URL(link.headers.get('location')!).hash).toContain('error_code=validation_failed');
  });
});
