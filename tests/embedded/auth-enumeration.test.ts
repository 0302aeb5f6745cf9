// User enumeration (issue 13, finding 14) and Auth's CORS (finding 15). With confirmations on, as
// hosted projects have them, sign-up answers a taken address exactly like a new one and tells the
// owner by email instead; recovery answers every address the same after the same database work.
// Through the real supabase-js client; a second gateway on the same database has confirmations on.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer } from '../../embedded/api-server';
import { createAuthApi } from '../../embedded/auth';
import { JWT_ISSUER_PATH, loadOrCreateKeys } from '../../embedded/keys';
import { freePort } from '../support/ports';
import { startAuthHarness, startExtraAuthGateway, uniqueEmail, type AuthHarness } from './auth-harness';

let h: AuthHarness;
let confirming: Awaited<ReturnType<typeof startExtraAuthGateway>>;

beforeAll(async () => {
  h = await startAuthHarness();
  confirming = await startExtraAuthGateway(h, { settings: { confirmations: true } });
});

afterAll(async () => {
  await confirming?.stop();
  await h?.stop();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d\d-\d\dT/;

/** The answer with what differs between any two sign-ups (ids, times, the address) blanked out. */
function shape(value: unknown, email: string): unknown {
  if (Array.isArray(value)) return value.map((v) => shape(v, email));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v, email)]));
  if (typeof value === 'string') return UUID.test(value) ? '<uuid>' : ISO.test(value) ? '<time>' : value === email ? '<email>' : value;
  return value;
}

async function rawSignUp(email: string, password: string) {
  const res = await fetch(
    `${confirming.url}/auth/v1/signup?redirect_to=${encodeURIComponent('http://localhost:3000/auth/confirm?next=/valkommen')}`,
    {
      method: 'POST',
      headers: { apikey: confirming.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, data: { locale: 'sv' } }),
    },
  );
  return { status: res.status, body: shape(await res.json(), email) };
}

describe('User enumeration', () => {
  it('sign-up says an account exists: no more – a taken address gets the answer a new one gets, its owner a notice', async () => {
    const owner = await h.user();
    const fresh = uniqueEmail('ny');
    const before = h.standIn.outbox.list(owner.email).length;

    const taken = await rawSignUp(owner.email, 'ett annat lösenord');
    const created = await rawSignUp(fresh, 'ett annat lösenord');
    expect(taken.status).toBe(200);
    expect(taken).toEqual(created);
    expect(created.body).not.toHaveProperty('access_token');

    // Through supabase-js the app sees the same: a user and no session, so "check your email".
    const again = await confirming.client().auth.signUp({ email: owner.email, password: 'ett tredje lösenord' });
    expect(again.error).toBeNull();
    expect(again.data.session).toBeNull();
    expect(again.data.user?.identities).toHaveLength(1);

    // The owner is told; nothing about the account changed.
    const notices = h.standIn.outbox.list(owner.email).slice(before);
    expect(notices.map((m) => m.subject)).toEqual(['Du har redan ett konto', 'Du har redan ett konto']);
    expect((await h.client().auth.signInWithPassword({ email: owner.email, password: owner.password })).error).toBeNull();
    expect((await h.db.query(`select count(*)::int as n from auth.users where lower(email) = $1`, [owner.email])).rows[0].n).toBe(1);
  });

  it('a new address confirms by link before it signs in; a repeated sign-up before that re-sends the link', async () => {
    const email = uniqueEmail('bekrafta');
    const client = confirming.client();
    expect((await client.auth.signUp({ email, password: 'bekräfta-mig-1' })).error).toBeNull();
    expect((await client.auth.signInWithPassword({ email, password: 'bekräfta-mig-1' })).error).toMatchObject({
      code: 'email_not_confirmed',
    });
    expect((await client.auth.signUp({ email, password: 'ett annat lösen' })).error).toBeNull();
    const mails = h.standIn.outbox.list(email);
    expect(mails.map((m) => m.subject)).toEqual(['Bekräfta din e-postadress', 'Bekräfta din e-postadress']);
    const link = new URL(mails[1].links[0]);
    expect(`${link.origin}${link.pathname}`).toBe('http://localhost:3000/auth/confirm');
    expect(link.searchParams.get('type')).toBe('signup');
    expect(link.searchParams.get('next')).toBe('/');
    // The first link was replaced; the second confirms and signs in; the first password stands.
    const first = new URL(mails[0].links[0]).searchParams.get('token_hash')!;
    expect((await client.auth.verifyOtp({ type: 'signup', token_hash: first })).error).toMatchObject({ code: 'otp_expired' });
    const verified = await client.auth.verifyOtp({ type: 'signup', token_hash: link.searchParams.get('token_hash')! });
    expect(verified.error).toBeNull();
    expect(verified.data.session?.access_token).toBeTruthy();
    expect(verified.data.user?.email_confirmed_at).toBeTruthy();
    expect((await client.auth.signInWithPassword({ email, password: 'bekräfta-mig-1' })).error).toBeNull();
  });

  it('recovery is faster for unknown addresses: no more – the same answer after the same database work', async () => {
    // A gateway whose connections count the statements each request sends.
    let statements = 0;
    class CountingClient extends pg.Client {}
    const query = pg.Client.prototype.query;
    CountingClient.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      statements++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    const pool = new pg.Pool({ connectionString: h.standIn.dbUrl, max: 2, Client: CountingClient });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const keys = await loadOrCreateKeys(h.standIn.dataDir, `${url}${JWT_ISSUER_PATH}`);
    const api = await startApiServer({
      port,
      services: { '/auth/v1': createAuthApi({ pool, keys, outbox: h.standIn.outbox, apiUrl: url, siteUrl: 'http://localhost:3000' }) },
    });
    try {
      const { email } = await h.user();
      const recover = async (address: string) => {
        statements = 0;
        const res = await fetch(`${url}/auth/v1/recover`, {
          method: 'POST',
          headers: { apikey: keys.anonKey, 'content-type': 'application/json' },
          body: JSON.stringify({ email: address }),
        });
        return { status: res.status, body: await res.text(), statements };
      };
      const known = await recover(email);
      const unknown = await recover(uniqueEmail('okand'));
      expect(known.statements).toBeGreaterThan(0);
      expect(unknown).toEqual(known);
      expect(h.standIn.outbox.list(email).at(-1)?.subject).toBe('Återställ ditt lösenord');
    } finally {
      await api.stop();
      await pool.end();
    }
  });
});

describe('CORS', () => {
  it('the stand-in’s Auth echoes any Origin with credentials: no more – only the app’s own origin may read', async () => {
    const ask = (origin: string) => h.raw('/settings', { headers: { origin } });
    const foreign = await ask('https://evil.example');
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreign.headers.get('access-control-allow-credentials')).toBeNull();
    const otherPort = await ask('http://localhost:3999');
    expect(otherPort.headers.get('access-control-allow-origin')).toBeNull();
    const own = await ask('http://localhost:3000');
    expect(own.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(own.headers.get('access-control-allow-credentials')).toBe('true');
  });
});
