// Account security in a real browser (issue 13, findings 7 and 8): a copied session cookie stops
// working the moment its owner signs out, and a password change from a session that is not fresh
// needs the code Auth emails; the address is told of the change.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECENT_SIGN_IN_MINUTES } from '../../embedded/auth/accounts';
import { startTestApp, type TestApp } from '../support/app';
import { confirmSignUpOnPage, launchBrowser, signInOnPage, signOutOnPage } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';
import { repoRoot } from '../support/paths';

const shots = path.join(repoRoot, '.data/screenshots');

describe('account security in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: pg.Client;
  const email = `sakerhet-${Date.now().toString(36)}@example.test`;
  const password = 'första-lösenordet-1';
  const newPassword = 'andra-lösenordet-2';

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startTestApp();
    admin = new pg.Client(app.standIn.dbUrl);
    await admin.connect();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await admin?.end();
  });

  reportFailuresAndCleanUp(() => app, [() => browser?.close(), () => app?.stop()]);

  const url = (p: string) => `${app.appUrl}${p}`;
  const waitForPath = (p: string) => page.waitForURL((u) => u.pathname === p, { timeout: 30_000 });

  /** The browser's cookies as a Cookie header: what a thief who copied them would send. */
  async function copiedCookies() {
    return (await context.cookies(app.appUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
  }

  async function signIn(pass: string) {
    await page.goto(url('/login'));
    await signInOnPage(page, email, pass);
  }
  const signOut = () => signOutOnPage(page);

  it('Sign-out does not end access: a copied session cookie reads nothing once its owner signed out', async () => {
    await page.goto(url('/signup'));
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await confirmSignUpOnPage(page, app.standIn.outbox, email);
    await waitForPath('/valkommen');
    await page.getByRole('button', { name: 'Hoppa över så länge' }).click();
    await waitForPath('/');

    const jar = await context.cookies(app.appUrl);
    const stolen = await copiedCookies();
    const before = await fetch(url('/api/nodes'), { headers: { cookie: stolen } });
    expect(before.status).toBe(200);
    expect(await before.json()).toHaveProperty('nodes');

    await signOut();
    const after = await fetch(url('/api/nodes'), { headers: { cookie: stolen } });
    expect(after.status).toBe(401);
    expect(await after.json()).not.toHaveProperty('nodes');
    // A page answers with the sign-in page, never the data and never an error page.
    const pageAfter = await fetch(url('/'), { headers: { cookie: stolen }, redirect: 'manual' });
    expect([303, 307, 308]).toContain(pageAfter.status);
    expect(new URL(pageAfter.headers.get('location')!, app.appUrl).pathname).toBe('/auth/signed-out');
    // A browser holding the copied cookies is signed out for good: no loop between /login and the app.
    const thief = await browser.newContext({ locale: 'sv-SE' });
    try {
      await thief.addCookies(jar);
      const thiefPage = await thief.newPage();
      await thiefPage.goto(url('/karta'));
      await thiefPage.waitForURL((u) => u.pathname === '/login', { timeout: 30_000 });
      await thiefPage.getByRole('heading', { name: 'Logga in' }).waitFor();
      expect((await thief.cookies(app.appUrl)).filter((c) => c.name.startsWith('sb-'))).toEqual([]);
    } finally {
      await thief.close();
    }
  });

  it('Password and email change need no re-authentication: an older session must type the emailed code', async () => {
    await signIn(password);
    // As if this browser signed in long ago (or its cookie was stolen then).
    await admin.query(
      `update auth.sessions set created_at = now() - make_interval(mins => $2) where user_id = (select id from auth.users where email = $1)`,
      [email, RECENT_SIGN_IN_MINUTES + 5],
    );
    await page.goto(url('/profil/sakerhet'));
    const fill = async (code?: string) => {
      await page.getByLabel('Nytt lösenord', { exact: true }).fill(newPassword);
      await page.getByLabel('Upprepa det nya lösenordet').fill(newPassword);
      if (code) await page.getByLabel('Kod från mejlet').fill(code);
      await page.getByRole('button', { name: 'Spara nytt lösenord' }).click();
    };
    await fill();
    await page.getByText(`Vi har skickat en kod till ${email}.`, { exact: false }).waitFor();
    const mail = app.standIn.outbox.list(email).at(-1)!;
    expect(mail.subject).toBe('Din bekräftelsekod');
    const code = /\b(\d{6})\b/.exec(mail.text)![1];

    await fill('000000' === code ? '111111' : '000000');
    await page.getByText('Koden stämmer inte eller har gått ut.', { exact: false }).waitFor();
    await fill(code);
    await waitForPath('/profil/sakerhet');
    await page.getByText('Lösenordet är bytt.', { exact: false }).waitFor();
    await page.screenshot({ path: path.join(shots, 'security-password-changed-sv.png'), fullPage: true });
    expect(app.standIn.outbox.list(email).at(-1)?.subject).toBe('Ditt lösenord har ändrats');

    await signOut();
    await signIn(newPassword);
  });
});
