// Export and delete-then-restore in a real browser: the JSON and the ZIP (with a stored file) read
// back, the security log, deletion refused without the password, the tombstone (every page leads
// to /restore, also after signing in again), restore, and the app's sign-in rate limit.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { confirmSignUpOnPage, launchBrowser } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';
import { repoRoot } from '../support/paths';

const shots = path.join(repoRoot, '.data/screenshots');

describe('export, delete and restore in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const email = `integritet-${Date.now().toString(36)}@example.test`;
  const password = 'mitt-hemliga-lösenord-1';
  let workspaceId = '';

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startTestApp();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  }, 300_000);

  reportFailuresAndCleanUp(() => app, [() => browser?.close(), () => app?.stop()]);

  const url = (p: string) => `${app.appUrl}${p}`;
  const waitForPath = (p: string) => page.waitForURL((u) => u.pathname === p, { timeout: 30_000 });

  async function signIn(pass: string, expectPath: string) {
    await page.goto(url('/login'), { waitUntil: 'networkidle' });
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord', { exact: true }).fill(pass);
    await page.getByRole('button', { name: 'Logga in' }).click();
    if (expectPath) await waitForPath(expectPath);
  }

  async function download(button: string) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return readFileSync(await file.path());
  }

  it('exports everything as JSON, with a line in the security log', async () => {
    await page.goto(url('/signup'));
    await page.getByLabel('Företagsnamn').fill('Integritetskonsult');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(password);
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await confirmSignUpOnPage(page, app.standIn.outbox, email);
    await waitForPath('/valkommen');

    await page.goto(url('/profil/data'));
    await page.getByRole('heading', { name: 'Exportera mina data' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'privacy-data-sv.png'), fullPage: true });
    const data = JSON.parse((await download('Ladda ner JSON')).toString('utf8'));
    expect(data.format).toBe('konsultverkstad-export/1');
    expect(data.account.email).toBe(email);
    expect(data.tables.workspaces).toHaveLength(1);
    expect(data.tables.business_profiles[0].legal_name).toBe('Integritetskonsult');
    expect(data.schema.nodes.columns.map((c: { name: string }) => c.name)).toContain('title');
    expect(data.tables.audit_log.length).toBeGreaterThan(0);
    workspaceId = data.tables.workspaces[0].id;

    await page.goto(url('/profil/sakerhet'));
    await page.getByRole('cell', { name: 'Data exporterade' }).waitFor();
    await expect(page.getByRole('cell', { name: 'Konto skapat' }).count()).resolves.toBe(1);
  });

  it('exports a ZIP with data.json and the stored files', async () => {
    // A document in the user's folder, stored through the Storage API as the user.
    const client = app.standIn.client();
    const { error } = await client.auth.signInWithPassword({ email, password });
    expect(error).toBeNull();
    const stored = await client.storage
      .from('documents')
      .upload(`${workspaceId}/motesanteckning.txt`, new Blob(['Hej från kunden'], { type: 'text/plain' }));
    expect(stored.error).toBeNull();

    await page.goto(url('/profil/data'));
    const zip = await JSZip.loadAsync(await download('Ladda ner ZIP med filer'));
    const data = JSON.parse(await zip.file('data.json')!.async('string'));
    expect(data.files.map((f: { name: string }) => f.name)).toEqual([`${workspaceId}/motesanteckning.txt`]);
    expect(await zip.file(`files/documents/${workspaceId}/motesanteckning.txt`)!.async('string')).toBe('Hej från kunden');
  });

  it('refuses deletion without the confirmation or with a wrong password', async () => {
    await page.goto(url('/profil/data'));
    await page.getByLabel('Ditt lösenord').fill(password);
    await page.getByRole('button', { name: 'Radera mitt konto' }).click();
    await page.getByText('Bekräfta att du förstår vad som raderas.').waitFor();

    await page.getByRole('checkbox').check();
    await page.getByLabel('Ditt lösenord').fill('fel-lösenord-här');
    await page.getByRole('button', { name: 'Radera mitt konto' }).click();
    await page.getByText('Fel lösenord.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/profil/data');
  });

  it('deletes into a tombstone: every page leads to /restore, also after signing in again', async () => {
    await page.getByRole('checkbox').check();
    await page.getByLabel('Ditt lösenord').fill(password);
    await page.getByRole('button', { name: 'Radera mitt konto' }).click();
    await waitForPath('/restore');
    await page.getByRole('heading', { name: 'Kontot är på väg att raderas' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'privacy-restore-sv.png'), fullPage: true });

    for (const p of ['/', '/profil/data', '/karta']) {
      await page.goto(url(p));
      await waitForPath('/restore');
    }
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await waitForPath('/login');
    await signIn(password, '/restore');
  });

  it('restores the account with everything in it', async () => {
    await page.getByRole('button', { name: 'Återställ mitt konto' }).click();
    await waitForPath('/profil/data');
    await page.getByText('Välkommen tillbaka! Ditt konto är återställt.').waitFor();
    await page.goto(url('/profil/sakerhet'));
    for (const event of ['Radering av konto begärd', 'Konto återställt']) await page.getByRole('cell', { name: event }).first().waitFor();
  });

  it('shows failed sign-ins in the security log', async () => {
    await page.goto(url('/profil/sakerhet'));
    await page.getByRole('button', { name: 'Konto' }).click();
    await page.getByRole('menuitem', { name: 'Logga ut' }).click();
    await waitForPath('/login');
    await signIn('inte-mitt-lösenord', '');
    await page.getByText('Fel e-postadress eller lösenord.').waitFor();
    await signIn(password, '/');
    await page.goto(url('/profil/sakerhet'));
    await page.getByRole('cell', { name: 'Misslyckad inloggning' }).first().waitFor();
    await page.screenshot({ path: path.join(shots, 'privacy-security-log-sv.png'), fullPage: true });
  });

  it('speaks English to an English account, on a phone too', async () => {
    const english = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const phone = await english.newPage();
    await phone.goto(url('/signup?lang=en'), { waitUntil: 'networkidle' });
    const englishEmail = `english-${Date.now().toString(36)}@example.test`;
    await phone.getByLabel('Email address').fill(englishEmail);
    await phone.getByLabel('Password').fill(password);
    await phone.getByRole('button', { name: 'Create account' }).click();
    await confirmSignUpOnPage(phone, app.standIn.outbox, englishEmail, 'Almost there!');
    await phone.waitForURL((u) => u.pathname === '/valkommen');
    await phone.goto(url('/profil/data'));
    await phone.getByRole('heading', { name: 'Export my data' }).waitFor();
    await phone.getByRole('button', { name: 'Delete my account' }).waitFor();
    await phone.screenshot({ path: path.join(shots, 'privacy-data-en-phone.png'), fullPage: true });
    await phone.goto(url('/profil/sakerhet'));
    await phone.getByRole('cell', { name: 'Account created' }).waitFor();
    await phone.screenshot({ path: path.join(shots, 'privacy-security-log-en-phone.png'), fullPage: true });
    await english.close();
  });

  it('limits failed sign-ins per email in the app', async () => {
    // Finding 10: each guess claims another X-Forwarded-For; with no trusted proxy the app counts
    // the socket's address, so the guesser stays in one address bucket.
    let forged = 0;
    const guessing = await browser.newContext({ locale: 'sv-SE' });
    await guessing.route('**/login', (route) =>
      route.continue({ headers: { ...route.request().headers(), 'x-forwarded-for': `203.0.113.${++forged}` } }),
    );
    const guesser = await guessing.newPage();
    await guesser.goto(url('/login'), { waitUntil: 'networkidle' });
    const target = `gissad-${Date.now().toString(36)}@example.test`;
    // Each attempt waits for its own answer and for React to apply it (the button is back and the
    // form has reset its password field); typing before that reset would lose the guess.
    const attempt = async (guess: string) => {
      await guesser.getByLabel('E-postadress').fill(target);
      await guesser.getByLabel('Lösenord', { exact: true }).fill(guess);
      await Promise.all([
        guesser.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
        guesser.getByRole('button', { name: 'Logga in', exact: true }).click(),
      ]);
      await guesser.waitForFunction(() => {
        const button = document.querySelector<HTMLButtonElement>('form button[type="submit"]');
        const password = document.querySelector<HTMLInputElement>('input[name="password"]');
        return button !== null && !button.disabled && password?.value === '';
      });
    };
    for (let i = 0; i < 10; i++) {
      await attempt(`gissning-${i}`);
      await guesser.getByText('Fel e-postadress eller lösenord.').waitFor();
    }
    await attempt('gissning-11');
    await guesser
      .getByText('För många försök. Vänta en stund och försök igen.')
      .waitFor({ timeout: 15_000 })
      .catch(async (error: Error) => {
        await guesser.screenshot({ path: path.join(shots, 'privacy-rate-limit-failure.png'), fullPage: true });
        throw error;
      });
    await guesser.screenshot({ path: path.join(shots, 'privacy-rate-limited-sv.png') });
    await guessing.close();
    expect(forged).toBeGreaterThan(10);
    const db = new pg.Client(app.standIn.dbUrl);
    await db.connect();
    try {
      // One bucket for the one real address (earlier wrong passwords in this file count there too).
      const { rows } = await db.query<{ hits: number }>(
        `select hits from private.rate_limits where bucket like 'signInFailuresPerAddress:%'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].hits).toBeGreaterThanOrEqual(10);
    } finally {
      await db.end();
    }
  });
});
