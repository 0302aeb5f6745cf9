// Issue 14: Auth honours supabase/config.toml's [auth.rate_limit] as the CLI's local stack does
// (GoTrue's per-IP buckets per 5 minutes): sign_in_sign_ups counts sign-ups, token_refresh every
// /token request (password sign-ins, refreshes, code exchanges). Through supabase-js, against a
// gateway started with the settings read from a config.toml.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuthSettings } from '../../embedded/auth';
import { repoRoot } from '../support/paths';
import { startAuthHarness, startExtraAuthGateway, uniqueEmail, type AuthHarness } from './auth-harness';

let h: AuthHarness;
let gateway: Awaited<ReturnType<typeof startExtraAuthGateway>>;
const dir = mkdtempSync(path.join(os.tmpdir(), 'konsult-config-'));

beforeAll(async () => {
  h = await startAuthHarness();
  const config = path.join(dir, 'config.toml');
  writeFileSync(config, '[auth.email]\nenable_confirmations = false\n\n[auth.rate_limit]\nsign_in_sign_ups = 2\ntoken_refresh = 3\n');
  gateway = await startExtraAuthGateway(h, { settings: readAuthSettings(config) });
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('[auth.rate_limit] of config.toml', () => {
  it('reads the limits the project sets, for all users behind the app server together', () => {
    expect(readAuthSettings(path.join(repoRoot, 'supabase/config.toml')).rateLimits).toEqual({ signInSignUps: 300, tokenRefresh: 1800 });
    expect(readAuthSettings(path.join(dir, 'config.toml')).rateLimits).toEqual({ signInSignUps: 2, tokenRefresh: 3 });
  });

  it('sign_in_sign_ups: the third sign-up from one address within 5 minutes is refused with 429', async () => {
    const signUp = () => gateway.client().auth.signUp({ email: uniqueEmail('grans'), password: 'ett lösenord 123' });
    expect((await signUp()).error).toBeNull();
    expect((await signUp()).error).toBeNull();
    expect((await signUp()).error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
  });

  it('token_refresh: every /token request counts, wrong passwords and refreshes alike', async () => {
    const email = uniqueEmail('token');
    await h.client().auth.signUp({ email, password: 'ett lösenord 123' });
    await h.db.query(`update auth.users set email_confirmed_at = now() where email = $1`, [email]);
    const client = gateway.client();
    expect((await client.auth.signInWithPassword({ email, password: 'fel lösenord' })).error?.code).toBe('invalid_credentials');
    expect((await client.auth.signInWithPassword({ email, password: 'ett lösenord 123' })).error).toBeNull();
    expect((await client.auth.refreshSession()).error).toBeNull();
    expect((await client.auth.refreshSession()).error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
    expect((await gateway.client().auth.signInWithPassword({ email, password: 'ett lösenord 123' })).error).toMatchObject({ status: 429 });
  });
});
