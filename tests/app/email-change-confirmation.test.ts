// Issue 14: an email change through the app (Profil → Säkerhet) is confirmed by both addresses, as
// hosted Auth with secure email change does, and ends with the address changed in the browser that
// asked for it. Auth's own links are PKCE: the second one answers `?code=`, which supabase-js can
// never exchange (it drops the code verifier when it saves the updated user); Auth has made the
// change by then, so /auth/confirm renews the signed-in session instead of saying "sign in".
// Through the app's server actions and /auth/confirm with its @supabase/ssr client.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as confirm } from '@/app/auth/confirm/route';
import { createClient } from '@/lib/supabase/server';
import { pointAppAt } from '../support/app-world';
import { asRequest, redirectTarget, SimulatedBrowser } from '../support/next-request';
import { latestMail, signUpConfirmed, startTestStandIn, type TestStandIn } from '../support/stand-in';

vi.mock('next/headers', () => import('../support/next-request'));
vi.mock('next/cache', () => import('../support/next-request'));

const SITE_URL = 'http://localhost:3997';
const PASSWORD = 'ett långt lösenord 123';
const TO_NEW = 'Bekräfta din nya e-postadress';
const TO_OLD = 'Bekräfta byte av e-postadress';
let standIn: TestStandIn;
let auth: pg.Pool;

beforeAll(async () => {
  standIn = await startTestStandIn({ siteUrl: SITE_URL });
  pointAppAt(standIn, SITE_URL);
  auth = new pg.Pool({ connectionString: standIn.dbUrl, max: 1 });
}, 120_000);

afterAll(async () => {
  const { closePools } = await import('@/lib/db/pool');
  await closePools();
  await auth?.end();
  await standIn?.stop();
});

const newEmail = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@example.test`;

async function act(browser: SimulatedBrowser, file: string, name: string, fields: Record<string, string>) {
  const mod = (await import(`@/${file}`)) as Record<string, (s: unknown, f: FormData) => Promise<unknown>>;
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return asRequest(browser, async () => {
    try {
      return await mod[name]({ ok: false, fieldErrors: {}, values: {} }, form);
    } catch (error) {
      if (redirectTarget(error)) return { redirect: redirectTarget(error) };
      throw error;
    }
  });
}

async function openConfirm(browser: SimulatedBrowser, url: URL): Promise<string> {
  const res = await asRequest(browser, () => confirm(browser.request(`${url.pathname}${url.search}`)));
  expect(res.status).toBe(303);
  const target = new URL(res.headers.get('location')!);
  return `${target.pathname}${target.search}`;
}

async function followAuthLink(link: string): Promise<URL> {
  const res = await fetch(link, { redirect: 'manual' });
  return new URL(res.headers.get('location')!);
}

/** A signed-in browser that has asked to move its account to a new address. */
async function askedToChange() {
  const email = newEmail('gammal');
  const wanted = newEmail('ny');
  await signUpConfirmed(standIn.client(), standIn.outbox, { email, password: PASSWORD });
  const browser = new SimulatedBrowser(SITE_URL);
  expect(await act(browser, 'lib/auth/actions', 'signIn', { email, password: PASSWORD, next: '/' })).toEqual({ redirect: '/' });
  expect(await act(browser, 'lib/auth/security-actions', 'changeEmail', { email: wanted })).toMatchObject({ ok: true });
  return { browser, email, wanted };
}

const storedEmail = async (email: string) =>
  (await auth.query(`select email from auth.users where email = $1 or email_change = $1`, [email])).rows[0]?.email;
const claimedEmail = (browser: SimulatedBrowser) =>
  asRequest(browser, async () => (await (await createClient()).auth.getClaims()).data?.claims.email);

describe('the app’s email change, confirmed by both addresses', () => {
  it('Auth’s links (PKCE): the first changes nothing, the second ends on Säkerhet with the new address', async () => {
    const { browser, email, wanted } = await askedToChange();
    const first = await followAuthLink(latestMail(standIn.outbox, email, TO_OLD).links[1]);
    expect(first.searchParams.get('message')).toContain('confirm link sent to the other email');
    expect(await openConfirm(browser, first)).toBe('/profil/sakerhet');
    expect(await storedEmail(email)).toBe(email);

    const second = await followAuthLink(latestMail(standIn.outbox, wanted, TO_NEW).links[1]);
    expect(second.searchParams.get('code')).toBeTruthy();
    // Before: "/login?notice=link_confirmed", though Auth had already changed the address.
    expect(await openConfirm(browser, second)).toBe('/profil/sakerhet');
    expect(await storedEmail(wanted)).toBe(wanted);
    expect(await claimedEmail(browser)).toBe(wanted);
  });

  it('the token-hash links (the README’s template), in either order: the new address after the second', async () => {
    const { browser, email, wanted } = await askedToChange();
    expect(await openConfirm(browser, new URL(latestMail(standIn.outbox, wanted, TO_NEW).links[0]))).toBe('/profil/sakerhet');
    expect(await storedEmail(email)).toBe(email);
    expect(await openConfirm(browser, new URL(latestMail(standIn.outbox, email, TO_OLD).links[0]))).toBe('/profil/sakerhet');
    expect(await storedEmail(wanted)).toBe(wanted);
    expect(await claimedEmail(browser)).toBe(wanted);
  });

  it('Auth’s second link opened in a browser that is not signed in: told the change is confirmed, to sign in', async () => {
    const { email, wanted } = await askedToChange();
    await followAuthLink(latestMail(standIn.outbox, email, TO_OLD).links[1]);
    const second = await followAuthLink(latestMail(standIn.outbox, wanted, TO_NEW).links[1]);
    expect(await openConfirm(new SimulatedBrowser(SITE_URL), second)).toBe('/login?notice=link_confirmed');
    expect(await storedEmail(wanted)).toBe(wanted);
  });
});
