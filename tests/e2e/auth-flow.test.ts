// The first slice end to end in a real browser: sign up and confirm through the mailed link, see the own workspace row, sign out,
// sign in, forgot password through the outbox link, set a new password, sign in with it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_OPERATOR_ENV, type TestApp } from '../support/app';
import { launchBrowser, signInOnPage, signOutOnPage } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';
import { CONFIRMATION_SUBJECT, latestMail } from '../support/stand-in';
import { repoRoot } from '../support/paths';

const shots = path.join(repoRoot, '.data/screenshots');

describe('auth flow in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const email = `konsult-${Date.now().toString(36)}@example.test`;
  const password = 'första-lösenordet-1';
  const newPassword = 'andra-lösenordet-2';

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startTestApp();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
  }, 300_000);

  reportFailuresAndCleanUp(() => app, [() => browser?.close(), () => app?.stop()]);

  const url = (p: string) => `${app.appUrl}${p}`;
  const waitForPath = (p: string) => page.waitForURL((u) => u.pathname === p, { timeout: 30_000 });

  const signIn = (pass: string) => signInOnPage(page, email, pass);
  const signOut = () => signOutOnPage(page);

  it('sends signed-out visitors to /login, in Swedish by default', async () => {
    await page.goto(url('/'));
    await waitForPath('/login');
    await expect(page.getByRole('heading', { name: 'Logga in' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await page.screenshot({ path: path.join(shots, 'login-sv.png'), fullPage: true });

    await page.goto(url('/login?lang=en'));
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    // The language choice travels with links, not a cookie.
    expect(await page.getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe('/signup?lang=en');
    await page.screenshot({ path: path.join(shots, 'login-en.png'), fullPage: true });
  });

  it('keeps typed values and shows field errors on bad input', async () => {
    await page.goto(url('/signup'));
    await page.getByLabel('Företagsnamn').fill('Testkonsult AB');
    await page.getByLabel('E-postadress').fill('inte-en-adress');
    await page.getByLabel('Lösenord').fill('kort');
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await page.getByText('Ange en giltig e-postadress.').waitFor();
    await page.screenshot({ path: path.join(shots, 'signup-errors-sv.png'), fullPage: true });
    await expect(page.getByText('Lösenordet måste ha minst 8 tecken.').isVisible()).resolves.toBe(true);
    expect(await page.getByLabel('Företagsnamn').inputValue()).toBe('Testkonsult AB');
    expect(await page.getByLabel('E-postadress').getAttribute('aria-invalid')).toBe('true');
  });

  it('signs up, can skip onboarding, and lands on home showing the own workspace', async () => {
    await page.goto(url('/signup'));
    expect(await page.getByRole('link', { name: 'villkor', exact: true }).getAttribute('href')).toBe('/legal/terms');
    expect(await page.getByRole('link', { name: 'integritetspolicy' }).getAttribute('href')).toBe('/legal/privacy');
    await page.getByLabel('Företagsnamn').fill('Testkonsult Lindqvist');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(password);
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    // Confirmations are on, as on hosted projects: the form asks to check the inbox, and nothing
    // is signed in until the mail's link is opened (Auth's own link, answered with ?code=).
    await page.getByText(`Nästan klart! Vi har skickat en länk till ${email}.`).waitFor();
    expect((await context.cookies()).some((c) => /-auth-token(\.\d+)?$/.test(c.name))).toBe(false);
    const landings: string[] = [];
    page.on('request', (r) => r.isNavigationRequest() && landings.push(r.url()));
    await page.goto(latestMail(app.standIn.outbox, email, CONFIRMATION_SUBJECT).links[1]);
    // A new account is led to the onboarding guide first; it can be skipped.
    await waitForPath('/valkommen');
    expect(landings.some((u) => new URL(u).pathname === '/auth/confirm' && new URL(u).searchParams.has('code'))).toBe(true);
    expect(await page.getByLabel('Företagsnamn').inputValue()).toBe('Testkonsult Lindqvist');
    await page.getByRole('button', { name: 'Hoppa över så länge' }).click();
    await waitForPath('/');
    expect(await page.getByTestId('workspace-name').textContent()).toBe('Testkonsult Lindqvist');
    expect(await page.getByTestId('workspace-role').textContent()).toBe('Ägare');
    expect(await page.getByTestId('user-email').textContent()).toBe(email);
    await page.screenshot({ path: path.join(shots, 'home-sv.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Öppna meny' }).click();
    await page.screenshot({ path: path.join(shots, 'home-sv-mobile.png'), fullPage: true });
    await page.getByRole('button', { name: 'Öppna meny' }).click();
    await page.setViewportSize({ width: 1280, height: 860 });

    // Only the Supabase session cookies exist, HttpOnly, SameSite=Lax, Secure (production build).
    const cookies = await context.cookies();
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) {
      expect(c.name).toMatch(/^sb-/);
      expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    }
  });

  it('navigates the shell and switches the language on the account', async () => {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Fakturor' }).click();
    await waitForPath('/fakturor');
    await page.getByRole('heading', { name: 'Fakturor' }).waitFor();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Översikt' }).click();
    await waitForPath('/');

    await page.getByRole('button', { name: 'Konto' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('workspace-role').textContent()).toBe('Owner');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: path.join(shots, 'home-en.png'), fullPage: true });

    // Dark theme, kept in localStorage.
    await page.getByRole('button', { name: 'Change theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains('dark'));
    await page.screenshot({ path: path.join(shots, 'home-en-dark.png'), fullPage: true });
    await page.getByRole('button', { name: 'Change theme' }).click();
    await page.getByRole('menuitemradio', { name: 'Light' }).click();

    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitemradio', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: 'Översikt' }).waitFor({ timeout: 30_000 });
    expect((await context.cookies()).every((c) => c.name.startsWith('sb-'))).toBe(true);
  });

  it('signs out (POST only) and back in', async () => {
    const getSignOut = await fetch(url('/'), {
      redirect: 'manual',
      headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(getSignOut.status).toBe(200); // still signed in: nothing on GET changes state
    await signOut();
    await expect(page.getByText('Du är utloggad.').isVisible()).resolves.toBe(true);
    expect((await context.cookies()).filter((c) => c.value)).toEqual([]);
    await page.goto(url('/'));
    await waitForPath('/login');

    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord', { exact: true }).fill('fel-lösenord-här');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByText('Fel e-postadress eller lösenord.').waitFor();
    expect(await page.getByLabel('E-postadress').inputValue()).toBe(email);

    await signIn(password);
    expect(await page.getByTestId('workspace-name').textContent()).toBe('Testkonsult Lindqvist');
    await signOut();
  });

  it('signing up again with the taken address gives the answer a new address gets (no enumeration)', async () => {
    const answer = async (address: string) => {
      await page.goto(url('/signup'));
      await page.getByLabel('Företagsnamn').fill('Någon annan');
      await page.getByLabel('E-postadress').fill(address);
      await page.getByLabel('Lösenord').fill('ett-annat-lösenord-3');
      await page.getByRole('button', { name: 'Skapa konto' }).click();
      const shown = page.getByText('Nästan klart!', { exact: false });
      await shown.waitFor();
      return (await shown.textContent())?.replace(address, '<email>');
    };
    const fresh = await answer(`ny-${Date.now().toString(36)}@example.test`);
    expect(fresh).toBe('Nästan klart! Vi har skickat en länk till <email>. Öppna den för att bekräfta ditt konto.');
    expect(await answer(email)).toBe(fresh);
    expect(app.standIn.outbox.list(email).at(-1)?.subject).toBe('Du har redan ett konto');
  });

  it('resets a forgotten password through the emailed link', async () => {
    await page.goto(url('/login'));
    await page.getByRole('link', { name: 'Glömt lösenordet?' }).click();
    await waitForPath('/forgot-password');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByRole('button', { name: 'Skicka länk' }).click();
    await page.getByText('Om adressen finns hos oss har vi skickat en länk dit.', { exact: false }).waitFor();

    // Same answer for an address that does not exist.
    await page.getByLabel('E-postadress').fill('ingen-alls@example.test');
    await page.getByRole('button', { name: 'Skicka länk' }).click();
    await page.getByText('Om adressen finns hos oss', { exact: false }).waitFor();

    const message = app.standIn.outbox.list(email).at(-1);
    expect(message).toBeDefined();
    const link = message!.links[0];
    expect(link.startsWith(`${app.appUrl}/auth/confirm?`)).toBe(true);

    await page.goto(link);
    await waitForPath('/reset-password');
    await page.getByLabel('Nytt lösenord').fill(newPassword);
    await page.getByLabel('Upprepa lösenordet').fill(newPassword + 'x');
    await page.getByRole('button', { name: 'Spara lösenord' }).click();
    await page.getByText('Lösenorden stämmer inte överens.').waitFor();
    await page.getByLabel('Nytt lösenord').fill(newPassword);
    await page.getByLabel('Upprepa lösenordet').fill(newPassword);
    await page.getByRole('button', { name: 'Spara lösenord' }).click();
    await waitForPath('/login');
    await page.getByText('Ditt lösenord är ändrat.', { exact: false }).waitFor();

    // The link is single-use.
    await page.goto(link);
    await waitForPath('/login');
    await page.getByText('Länken är ogiltig eller har gått ut.', { exact: false }).waitFor();

    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByText('Fel e-postadress eller lösenord.').waitFor();
    await signIn(newPassword);
    expect(await page.getByTestId('user-email').textContent()).toBe(email);
  });

  it('shows the legal pages signed out, with the footer on every page', async () => {
    const fresh = await browser.newContext({ locale: 'en-GB' });
    const p = await fresh.newPage();
    for (const slug of ['privacy', 'terms', 'security', 'cookies']) {
      const res = await p.goto(url(`/legal/${slug}`));
      expect(res?.status()).toBe(200);
      expect(new URL(p.url()).pathname).toBe(`/legal/${slug}`);
      await expect(p.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).isVisible()).resolves.toBe(true);
      await expect(p.getByText(/Last updated|Senast uppdaterad/).isVisible()).resolves.toBe(true);
    }
    await p.goto(url('/legal/privacy'));
    expect(await p.textContent('article')).toContain(TEST_OPERATOR_ENV.OPERATOR_NAME);
    await fresh.close();
  });
});
