// Sign-up with confirmations on, as hosted projects have them (issue 13 finding 14, issue 14 item
// 3), through the app's own server actions and its /auth/confirm route with the app's @supabase/ssr
// client (PKCE): the form answers a taken and a new address alike ("check your email"), and the
// mailed links sign the user in whichever form they come in: Auth's own link (`?code=`, exchanged
// with the verifier cookie this browser got at sign-up) or the token-hash link (any browser).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as confirm } from '@/app/auth/confirm/route';
import { pointAppAt } from '../support/app-world';
import { asRequest, redirectTarget, SimulatedBrowser } from '../support/next-request';
import {
  confirmationLink,
  latestMail,
  signUpConfirmed,
  startTestStandIn,
  type TestStandIn,
  CONFIRMATION_SUBJECT,
} from '../support/stand-in';

vi.mock('next/headers', () => import('../support/next-request'));
vi.mock('next/cache', () => import('../support/next-request'));

const SITE_URL = 'http://localhost:3998';
const PASSWORD = 'ett långt lösenord 123';
let standIn: TestStandIn;

beforeAll(async () => {
  standIn = await startTestStandIn({ siteUrl: SITE_URL });
  pointAppAt(standIn, SITE_URL);
}, 120_000);

afterAll(async () => {
  const { closePools } = await import('@/lib/db/pool');
  await closePools();
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

/** The app's /auth/confirm route, opened by `browser` at `url` (a link on SITE_URL). */
async function openConfirm(browser: SimulatedBrowser, url: URL): Promise<URL> {
  const res = await asRequest(browser, () => confirm(browser.request(`${url.pathname}${url.search}`)));
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location')!);
}

/** Auth's own link in a mail, opened as a browser would: where Auth redirects to (on SITE_URL). */
async function followAuthLink(link: string): Promise<URL> {
  const res = await fetch(link, { redirect: 'manual' });
  return new URL(res.headers.get('location')!);
}

const hasSession = (browser: SimulatedBrowser) => [...browser.jar.keys()].some((name) => /^sb-.+-auth-token(\.\d+)?$/.test(name));

describe('the sign-up form does not tell whether an address has an account', () => {
  it('a taken address (confirmed or not) and a new one get the same answer: check your email', async () => {
    const confirmed = newEmail('finns');
    await signUpConfirmed(standIn.client(), standIn.outbox, { email: confirmed, password: PASSWORD });
    const unconfirmed = newEmail('obekraftad');
    expect((await standIn.client().auth.signUp({ email: unconfirmed, password: PASSWORD })).error).toBeNull();

    const answer = async (email: string) => {
      const result = (await act(new SimulatedBrowser(SITE_URL), 'lib/auth/actions', 'signUp', {
        email,
        password: PASSWORD,
        businessName: 'Firma',
      })) as Record<string, unknown>;
      return JSON.parse(JSON.stringify(result).replaceAll(email, '<email>'));
    };
    const fresh = await answer(newEmail('ny'));
    expect(fresh).toEqual({
      ok: true,
      message: 'Nästan klart! Vi har skickat en länk till <email>. Öppna den för att bekräfta ditt konto.',
      values: {},
    });
    expect(await answer(confirmed)).toEqual(fresh);
    expect(await answer(unconfirmed)).toEqual(fresh);
    // The owner of the taken address hears of it; the account is as it was.
    expect(latestMail(standIn.outbox, confirmed, 'Du har redan ett konto')).toBeTruthy();
    expect((await standIn.client().auth.signInWithPassword({ email: confirmed, password: PASSWORD })).error).toBeNull();
  });
});

describe('/auth/confirm takes both forms of the mailed link', () => {
  it('Auth’s link (PKCE ?code=) in the browser that signed up: signed in, on to next', async () => {
    const browser = new SimulatedBrowser(SITE_URL);
    const email = newEmail('kod');
    expect(await act(browser, 'lib/auth/actions', 'signUp', { email, password: PASSWORD, businessName: 'Kodfirman' })).toMatchObject({
      ok: true,
      message: expect.stringContaining('Nästan klart!'),
    });
    expect([...browser.jar.keys()].some((name) => name.endsWith('-code-verifier'))).toBe(true);
    const landed = await followAuthLink(latestMail(standIn.outbox, email, CONFIRMATION_SUBJECT).links[1]);
    expect(landed.origin).toBe(SITE_URL);
    expect(landed.searchParams.get('code')).toBeTruthy();
    // Before this change: "link invalid", though Auth had confirmed the address.
    expect((await openConfirm(browser, landed)).toString()).toBe(`${SITE_URL}/`);
    expect(hasSession(browser)).toBe(true);
  });

  it('the token-hash link, in a browser that never signed up: signed in too', async () => {
    const email = newEmail('hash');
    await act(new SimulatedBrowser(SITE_URL), 'lib/auth/actions', 'signUp', { email, password: PASSWORD, businessName: 'Hashfirman' });
    const browser = new SimulatedBrowser(SITE_URL);
    const link = confirmationLink(standIn.outbox, email);
    expect(link.searchParams.get('token_hash')).toMatch(/^pkce_/);
    expect((await openConfirm(browser, link)).toString()).toBe(`${SITE_URL}/`);
    expect(hasSession(browser)).toBe(true);
  });

  it('Auth’s link opened in another browser: told the address is confirmed and to sign in (not "link invalid")', async () => {
    const email = newEmail('annan');
    await act(new SimulatedBrowser(SITE_URL), 'lib/auth/actions', 'signUp', { email, password: PASSWORD, businessName: 'Annan' });
    const landed = await followAuthLink(latestMail(standIn.outbox, email, CONFIRMATION_SUBJECT).links[1]);
    const other = new SimulatedBrowser(SITE_URL);
    const target = await openConfirm(other, landed);
    expect(`${target.pathname}${target.search}`).toBe('/login?notice=link_confirmed');
    expect(hasSession(other)).toBe(false);
    expect((await standIn.client().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
  });

  it('an invitation’s sign-up comes back to the invitation through Auth’s link', async () => {
    const browser = new SimulatedBrowser(SITE_URL);
    const email = newEmail('inbjuden');
    const token = 'a'.repeat(43);
    expect(await act(browser, 'lib/accountant/actions', 'signUpForInvitation', { email, password: PASSWORD, token })).toMatchObject({
      ok: true,
      message: expect.stringContaining('Nästan klart!'),
    });
    const landed = await followAuthLink(latestMail(standIn.outbox, email, CONFIRMATION_SUBJECT).links[1]);
    const target = await openConfirm(browser, landed);
    expect(target.pathname).toBe('/invite');
    expect(target.searchParams.get('token')).toBe(token);
    expect(hasSession(browser)).toBe(true);
  });

  it('recovery through Auth’s link: signed in on /reset-password', async () => {
    const email = newEmail('glomt');
    await signUpConfirmed(standIn.client(), standIn.outbox, { email, password: PASSWORD });
    const browser = new SimulatedBrowser(SITE_URL);
    expect(await act(browser, 'lib/auth/actions', 'requestPasswordReset', { email })).toMatchObject({ ok: true });
    const landed = await followAuthLink(latestMail(standIn.outbox, email, 'Återställ ditt lösenord').links[1]);
    expect((await openConfirm(browser, landed)).pathname).toBe('/reset-password');
    expect(hasSession(browser)).toBe(true);
  });

  it('a forged code (in a browser that holds a verifier), and Auth’s error redirect, are "link invalid"', async () => {
    const browser = new SimulatedBrowser(SITE_URL);
    await act(browser, 'lib/auth/actions', 'signUp', { email: newEmail('falsk'), password: PASSWORD, businessName: 'Falsk' });
    const forged = await openConfirm(browser, new URL(`${SITE_URL}/auth/confirm?code=${randomUUID()}&next=/`));
    expect(`${forged.pathname}${forged.search}`).toBe('/login?error=link_invalid');
    const failed = await openConfirm(
      browser,
      new URL(`${SITE_URL}/auth/confirm?next=/&error=access_denied&error_code=otp_expired&message=x`),
    );
    expect(`${failed.pathname}${failed.search}`).toBe('/login?error=link_invalid');
  });
});
