// Two-factor sign-in in a real browser (issue 18): add an authenticator app in Profil → Säkerhet
// (the key shown beside the QR code is what the test's "phone" reads), sign out, sign in with the
// password: every page asks for the code and the data stays closed; a wrong code is refused, the
// right one (computed from the key, as the app would) opens the data; the security log shows it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, signOutOnPage, signUpOnPage } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';
import { repoRoot } from '../support/paths';
import { msUntilNextStep, totpCode } from '../support/totp';

const shots = path.join(repoRoot, '.data/screenshots');

describe('two-factor sign-in in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const email = `tvasteg-${Date.now().toString(36)}@example.test`;
  const password = 'tvåstegs-lösen-1';

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startTestApp();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  }, 300_000);

  reportFailuresAndCleanUp(() => app, [() => browser?.close(), () => app?.stop()]);

  const url = (p: string) => `${app.appUrl}${p}`;
  const waitForPath = (p: string) => page.waitForURL((u) => u.pathname === p, { timeout: 30_000 });
  const cookies = async () => (await context.cookies(app.appUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
  const nextStep = () => new Promise((r) => setTimeout(r, msUntilNextStep() + 100));

  it('enrol → sign out → sign in → the code → the data', async () => {
    await signUpOnPage(page, url('/signup'), 'Tvåstegsfirman', email, password, app.standIn.outbox);
    await page.getByRole('button', { name: 'Hoppa över så länge' }).click();
    await waitForPath('/');

    // Add the app: the key is shown as text beside the QR code, once.
    await page.goto(url('/profil/sakerhet'));
    await page.getByLabel('Namn på appen').fill('Min telefon');
    await page.getByRole('button', { name: 'Lägg till app' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent({ timeout: 30_000 }))!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(page.getByRole('img', { name: 'QR-kod för autentiseringsappen' }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Kod', { exact: true }).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Bekräfta' }).click();
    await page.getByText('Appen är tillagd').waitFor({ timeout: 30_000 });
    expect(await page.getByText('Min telefon').count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain(secret);
    await page.screenshot({ path: path.join(shots, 'two-factor-apps.png'), fullPage: true });

    await signOutOnPage(page);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await waitForPath('/login/kod');
    await page.getByRole('heading', { name: 'Ange koden från din app' }).waitFor();

    // Until the code: every page shows the second step, the API no data.
    for (const p of ['/', '/tid', '/profil/sakerhet']) {
      await page.goto(url(p));
      await waitForPath('/login/kod');
    }
    const closed = await fetch(url('/api/nodes'), { headers: { cookie: await cookies() } });
    expect(closed.status).toBe(403);
    expect(await closed.json()).not.toHaveProperty('nodes');

    await page.getByLabel('Kod', { exact: true }).fill(totpCode(secret, 4));
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.getByText('Koden stämmer inte').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/login/kod');

    // The enrolment's code is spent; the app's next one opens the account.
    await nextStep();
    await page.getByLabel('Kod', { exact: true }).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await waitForPath('/');
    const open = await fetch(url('/api/nodes'), { headers: { cookie: await cookies() } });
    expect(open.status).toBe(200);
    expect(await open.json()).toHaveProperty('nodes');

    await page.goto(url('/profil/sakerhet'));
    await page.getByText('Tvåstegsverifiering: rätt kod').first().waitFor({ timeout: 30_000 });
    expect(await page.getByText('Tvåstegsverifiering: fel kod').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(shots, 'two-factor-log.png'), fullPage: true });
  }, 240_000);
});
