// Bad input to the Auth API: malformed JSON, missing fields, oversized bodies, forged and expired
// tokens, missing API keys, rate limits. Always a 4xx in GoTrue's shape, never a 500.
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_ISSUER_PATH, loadOrCreateKeys, type SigningKeys } from '../../embedded/keys';
import { startAuthHarness, startExtraAuthGateway, uniqueEmail, type AuthHarness } from './auth-harness';

let h: AuthHarness;
let keys: SigningKeys;

beforeAll(async () => {
  h = await startAuthHarness();
  // The stand-in's own keys, read from its data folder, to mint expired tokens.
  keys = await loadOrCreateKeys(h.standIn.dataDir, `${h.apiUrl}${JWT_ISSUER_PATH}`);
});

afterAll(async () => {
  await h?.stop();
});

async function expectGoTrueError(res: Response, status: number, errorCode: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body).toMatchObject({ code: status, error_code: errorCode });
  expect(typeof body.msg).toBe('string');
}

const post = (path: string, body: string, headers: Record<string, string> = {}) => h.raw(path, { method: 'POST', body, headers });

describe('request bodies', () => {
  it('malformed JSON and non-object JSON are bad_json (400)', async () => {
    await expectGoTrueError(await post('/token?grant_type=password', '{"email": '), 400, 'bad_json');
    await expectGoTrueError(await post('/signup', '[1, 2]'), 400, 'bad_json');
    await expectGoTrueError(await post('/signup', JSON.stringify({ email: 5, password: 'hemligt-1' })), 400, 'bad_json');
    await expectGoTrueError(await post('/verify', 'null'), 400, 'bad_json');
  });

  it('missing fields are validation_failed (400)', async () => {
    await expectGoTrueError(await post('/signup', '{}'), 400, 'validation_failed');
    await expectGoTrueError(await post('/signup', JSON.stringify({ email: uniqueEmail() })), 400, 'validation_failed');
    await expectGoTrueError(await post('/token?grant_type=password', JSON.stringify({ email: uniqueEmail() })), 400, 'validation_failed');
    await expectGoTrueError(await post('/token?grant_type=refresh_token', '{}'), 400, 'validation_failed');
    await expectGoTrueError(await post('/recover', '{}'), 400, 'validation_failed');
    await expectGoTrueError(await post('/verify', JSON.stringify({ type: 'recovery' })), 400, 'validation_failed');
  });

  it('an oversized body is refused with 413 in the same shape', async () => {
    const huge = JSON.stringify({ email: uniqueEmail(), password: 'hemligt-1', data: { blob: 'x'.repeat(200 * 1024) } });
    await expectGoTrueError(await post('/signup', huge), 413, 'request_too_large');
    // Streamed without a content-length, the limit applies as the bytes arrive.
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 4) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await h.raw('/signup', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    await expectGoTrueError(streamed, 413, 'request_too_large');
    // The server keeps answering afterwards.
    expect((await h.raw('/health')).status).toBe(200);
  });

  it('unknown grant types and routes are 4xx', async () => {
    await expectGoTrueError(await post('/token?grant_type=magic', '{}'), 400, 'unsupported_grant_type');
    await expectGoTrueError(await h.raw('/no-such-route'), 404, 'not_found');
  });
});

describe('API key', () => {
  it('refuses requests without the anon or service-role key (401), except the public routes', async () => {
    const noKey = await fetch(`${h.apiUrl}/auth/v1/settings`);
    await expectGoTrueError(noKey, 401, 'no_api_key');
    const wrongKey = await fetch(`${h.apiUrl}/auth/v1/signup`, { method: 'POST', headers: { apikey: 'nope' }, body: '{}' });
    await expectGoTrueError(wrongKey, 401, 'no_api_key');
    expect((await fetch(`${h.apiUrl}/auth/v1/settings`, { headers: { apikey: h.standIn.serviceRoleKey } })).status).toBe(200);
    expect((await fetch(`${h.apiUrl}/auth/v1/.well-known/jwks.json`)).status).toBe(200);
  });
});

describe('access tokens', () => {
  it('a token signed with another key (same kid) is bad_jwt on the server and fails getClaims()', async () => {
    const { client, id } = await h.user();
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({
      sub: id,
      role: 'authenticated',
      aud: 'authenticated',
      session_id: (await client.auth.getClaims()).data?.claims.session_id,
    })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid, typ: 'JWT' })
      .setIssuer(`${h.apiUrl}/auth/v1`)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

    await expectGoTrueError(await h.raw('/user', { headers: { authorization: `Bearer ${forged}` } }), 403, 'bad_jwt');
    expect((await h.client().auth.getUser(forged)).error).toMatchObject({ status: 403, code: 'bad_jwt' });
    expect((await h.client().auth.getClaims(forged)).error?.message).toMatch(/signature/i);
  });

  it('expired, garbage and missing bearer tokens are refused', async () => {
    const { id } = await h.user();
    const expired = await keys.sign({ sub: id, role: 'authenticated', aud: 'authenticated' }, -60);
    await expectGoTrueError(await h.raw('/user', { headers: { authorization: `Bearer ${expired}` } }), 403, 'bad_jwt');
    await expectGoTrueError(await h.raw('/user', { headers: { authorization: 'Bearer not.a.jwt' } }), 403, 'bad_jwt');
    await expectGoTrueError(await h.raw('/user', { method: 'PUT', body: '{}' }), 401, 'no_authorization');
    // The anon key is a valid JWT but names no user.
    await expectGoTrueError(await h.raw('/user', { headers: { authorization: `Bearer ${h.anonKey}` } }), 403, 'bad_jwt');
    await expectGoTrueError(await h.raw('/logout', { method: 'POST', headers: { authorization: `Bearer ${expired}` } }), 403, 'bad_jwt');
  });
});

describe('rate limits', () => {
  it('answers 429 over_request_rate_limit on sign-in, sign-up and recover once a window is full', async () => {
    let clock = Date.now();
    const gateway = await startExtraAuthGateway(h, {
      now: () => new Date(clock),
      rateLimits: {
        signInPerEmail: { max: 2, windowSeconds: 300 },
        signUpPerIp: { max: 1, windowSeconds: 300 },
        recoverPerEmail: { max: 1, windowSeconds: 3600 },
      },
    });
    try {
      const { email, password } = await h.user();
      const signIn = () => gateway.client().auth.signInWithPassword({ email, password });
      expect((await signIn()).error).toBeNull();
      expect((await gateway.client().auth.signInWithPassword({ email, password: 'fel-lösen' })).error?.code).toBe('invalid_credentials');
      expect((await signIn()).error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
      // Another address is counted on its own.
      const other = await h.user();
      expect((await gateway.client().auth.signInWithPassword({ email: other.email, password: other.password })).error).toBeNull();

      expect((await gateway.client().auth.signUp({ email: uniqueEmail(), password: 'hemligt-1' })).error).toBeNull();
      expect((await gateway.client().auth.signUp({ email: uniqueEmail(), password: 'hemligt-1' })).error).toMatchObject({
        status: 429,
        code: 'over_request_rate_limit',
      });

      expect((await gateway.client().auth.resetPasswordForEmail(email)).error).toBeNull();
      expect((await gateway.client().auth.resetPasswordForEmail(email)).error).toMatchObject({
        status: 429,
        code: 'over_request_rate_limit',
      });

      // A new window opens once the old one has passed.
      clock += 301 * 1000;
      expect((await signIn()).error).toBeNull();
    } finally {
      await gateway.stop();
    }
  });
});
