// Issue 14, item 3: hosted Auth's PKCE flow (what @supabase/ssr asks for) sends the user back with
// `?code=…`. The stand-in's Auth runs it as GoTrue does: the request that mails a link sends a
// code_challenge, the link's token carries `pkce_`, GET /verify answers with the code, and only the
// client holding the code verifier exchanges it (/token?grant_type=pkce), once, within 5 minutes.
// Through the real supabase-js client with flowType 'pkce', for sign-up, recovery and email change.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmationLink, latestMail, testClientOptions } from '../support/stand-in';
import { startAuthHarness, uniqueEmail, type AuthHarness } from './auth-harness';

let h: AuthHarness;

beforeAll(async () => {
  h = await startAuthHarness();
});

afterAll(async () => {
  await h?.stop();
});

const REDIRECT = 'http://localhost:3000/auth/confirm?next=%2Fvalkommen';

/** A client as @supabase/ssr makes them: PKCE, the code verifier kept in its own storage. */
function pkceClient(): SupabaseClient {
  return createClient(h.apiUrl, h.anonKey, { ...testClientOptions, auth: { ...testClientOptions.auth, flowType: 'pkce' } });
}

/** Opens Auth's own link from a mail (links[1]) as a browser would: where it redirects to. */
async function openAuthLink(link: string): Promise<URL> {
  const res = await fetch(link, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location')!);
}

async function signedUpWithPkce(): Promise<{ email: string; password: string; client: SupabaseClient }> {
  const email = uniqueEmail('pkce');
  const password = 'pkce-lösenord-1';
  const client = pkceClient();
  const { data, error } = await client.auth.signUp({ email, password, options: { emailRedirectTo: REDIRECT } });
  expect(error).toBeNull();
  expect(data.session).toBeNull();
  return { email, password, client };
}

describe('PKCE email links', () => {
  it('sign-up: the link answers ?code= on the redirect, the verifier’s holder exchanges it for a session, once', async () => {
    const { email, password, client } = await signedUpWithPkce();
    const mail = latestMail(h.standIn.outbox, email, 'Bekräfta din e-postadress');
    expect(new URL(mail.links[0]).searchParams.get('token_hash')).toMatch(/^pkce_/);

    const landed = await openAuthLink(mail.links[1]);
    expect(`${landed.origin}${landed.pathname}`).toBe('http://localhost:3000/auth/confirm');
    expect(landed.searchParams.get('next')).toBe('/valkommen');
    const code = landed.searchParams.get('code')!;
    expect(code).toMatch(/^[0-9a-f-]{36}$/);
    // No tokens in the URL: the code alone is worth nothing without the verifier.
    expect(landed.hash).not.toContain('access_token');

    // Another browser has no verifier; a forged verifier is refused by Auth.
    expect((await pkceClient().auth.exchangeCodeForSession(code)).error).toMatchObject({ code: 'pkce_code_verifier_not_found' });
    const forged = await h.raw('/token?grant_type=pkce', {
      method: 'POST',
      body: JSON.stringify({ auth_code: code, code_verifier: 'x'.repeat(50) }),
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error_code: 'bad_code_verifier' });

    const exchanged = await client.auth.exchangeCodeForSession(code);
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.user?.email).toBe(email);
    expect(exchanged.data.user?.email_confirmed_at).toBeTruthy();
    expect(exchanged.data.session?.access_token).toBeTruthy();
    expect((await client.auth.getUser()).data.user?.email).toBe(email);

    // Single use: the flow is gone, and so is the link's token.
    const again = await h.raw('/token?grant_type=pkce', {
      method: 'POST',
      body: JSON.stringify({ auth_code: code, code_verifier: 'y'.repeat(50) }),
    });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error_code: 'flow_state_not_found' });
    const reopened = await openAuthLink(mail.links[1]);
    expect(reopened.searchParams.get('error_code')).toBe('otp_expired');
    expect(reopened.searchParams.get('code')).toBeNull();
    expect((await pkceClient().auth.signInWithPassword({ email, password })).error).toBeNull();
  });

  it('sign-up: the same mail’s token-hash link (verifyOtp) signs in in any browser, no verifier needed', async () => {
    const { email } = await signedUpWithPkce();
    const elsewhere = pkceClient();
    const { data, error } = await elsewhere.auth.verifyOtp({
      type: 'signup',
      token_hash: confirmationLink(h.standIn.outbox, email).searchParams.get('token_hash')!,
    });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(email);
  });

  it('a code exchanged after the flow’s 5 minutes is flow_state_expired, but the address stays confirmed', async () => {
    const { email, password, client } = await signedUpWithPkce();
    const code = (await openAuthLink(latestMail(h.standIn.outbox, email, 'Bekräfta din e-postadress').links[1])).searchParams.get('code')!;
    await h.db.query(`update auth.flow_state set created_at = created_at - interval '6 minutes' where auth_code = $1`, [code]);
    expect((await client.auth.exchangeCodeForSession(code)).error).toMatchObject({ status: 422, code: 'flow_state_expired' });
    expect((await pkceClient().auth.signInWithPassword({ email, password })).error).toBeNull();
  });

  it('recovery: the reset link answers ?code=, the exchange signs in, the password can be set', async () => {
    const { email } = await h.user();
    const client = pkceClient();
    expect(
      (await client.auth.resetPasswordForEmail(email, { redirectTo: 'http://localhost:3000/auth/confirm?next=/reset-password' })).error,
    ).toBeNull();
    const mail = latestMail(h.standIn.outbox, email, 'Återställ ditt lösenord');
    const landed = await openAuthLink(mail.links[1]);
    expect(landed.searchParams.get('next')).toBe('/reset-password');
    const exchanged = await client.auth.exchangeCodeForSession(landed.searchParams.get('code')!);
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.user?.email).toBe(email);
    expect((await client.auth.updateUser({ password: 'ett nytt lösenord 9' })).error).toBeNull();
    expect((await pkceClient().auth.signInWithPassword({ email, password: 'ett nytt lösenord 9' })).error).toBeNull();
  });

  it('email change: the first address’s link says “confirm the other one” in the query, the second answers a code and the change is made', async () => {
    const { email, password } = await h.user();
    const client = pkceClient();
    expect((await client.auth.signInWithPassword({ email, password })).error).toBeNull();
    const next = uniqueEmail('ny-adress');
    expect(
      (await client.auth.updateUser({ email: next }, { emailRedirectTo: 'http://localhost:3000/auth/confirm?next=/profil/sakerhet' }))
        .error,
    ).toBeNull();
    const toOld = latestMail(h.standIn.outbox, email, 'Bekräfta byte av e-postadress');
    const toNew = latestMail(h.standIn.outbox, next, 'Bekräfta din nya e-postadress');
    expect(new URL(toNew.links[0]).searchParams.get('token_hash')).toMatch(/^pkce_/);

    const first = await openAuthLink(toOld.links[1]);
    expect(first.searchParams.get('message')).toBe('Confirmation link accepted. Please proceed to confirm link sent to the other email');
    expect(first.searchParams.get('code')).toBeNull();
    const second = await openAuthLink(toNew.links[1]);
    expect(`${second.pathname}?next=${second.searchParams.get('next')}`).toBe('/auth/confirm?next=/profil/sakerhet');
    const code = second.searchParams.get('code')!;
    // supabase-js drops the verifier when it saves the updated user, so even the asking client
    // cannot exchange this code (the app's /auth/confirm says so); the change itself is made.
    expect((await client.auth.exchangeCodeForSession(code)).error).toMatchObject({ code: 'pkce_code_verifier_not_found' });
    expect((await pkceClient().auth.signInWithPassword({ email: next, password })).error).toBeNull();
    expect((await h.db.query(`select authentication_method from auth.flow_state where auth_code = $1`, [code])).rows).toEqual([
      { authentication_method: 'email_change' },
    ]);
  });

  it('refuses a challenge without its method, or one too short, as GoTrue does (validation_failed)', async () => {
    const ask = (body: Record<string, unknown>) =>
      h.raw('/signup', { method: 'POST', body: JSON.stringify({ email: uniqueEmail(), password: 'hemligt-1', ...body }) });
    for (const body of [
      { code_challenge: 'a'.repeat(43) },
      { code_challenge: 'kort', code_challenge_method: 's256' },
      { code_challenge: 'a'.repeat(43), code_challenge_method: 'md5' },
    ]) {
      const res = await ask(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error_code: 'validation_failed' });
    }
  });
});
