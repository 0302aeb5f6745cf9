// Issue 4 part A in a real browser: onboarding with a wrong then a right organisation number, the
// logo, hours logged three ways (quick entry, week grid, a timer that survives a reload and shows
// on another device), a billed entry that is locked, and the dashboard; screenshots in sv and en.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { actAsUser } from '@/lib/db/transaction';
import { startTestApp, type TestApp } from '../support/app';
import { confirmSignUpOnPage, launchBrowser } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';
import { repoRoot } from '../support/paths';

const shots = path.join(repoRoot, '.data/screenshots');
// A 2×2 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGOQj/EFIgYIBQAVNgMhmJ1rBgAAAABJRU5ErkJggg==', 'base64');

describe('workspace: onboarding, hours and dashboard in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const email = `tid-${Date.now().toString(36)}@example.test`;
  const password = 'ett-bra-lösenord-1';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startTestApp();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  }, 900_000);

  reportFailuresAndCleanUp(() => app, [() => browser?.close(), () => app?.stop()]);

  const url = (p: string) => `${app.appUrl}${p}`;
  const waitForPath = (p: string, on = page) => on.waitForURL((u) => u.pathname === p, { timeout: 30_000 });
  const shot = (name: string, on = page) => on.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

  /** Runs SQL on the stand-in's database as the signed-up user (RLS applies, every membership), committed. */
  async function asUser<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const pool = new pg.Pool({ connectionString: app.standIn.dbUrl, max: 1 });
    try {
      const { rows } = await pool.query(`select id from auth.users where email = $1`, [email]);
      return await actAsUser(pool, rows[0].id, fn, { unscoped: true });
    } finally {
      await pool.end();
    }
  }

  it('leads a new account to onboarding, says what is wrong with the organisation number, keeps what was typed', async () => {
    await page.goto(url('/signup'));
    await page.getByLabel('Företagsnamn').fill('Lindqvist Konsult');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(password);
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await confirmSignUpOnPage(page, app.standIn.outbox, email);
    await waitForPath('/valkommen');
    await shot('onboarding-sv');

    const org = page.getByLabel('Organisationsnummer');
    await org.fill('556677-8898');
    // As the user types: a wrong check digit is reported at once, next to the field.
    await page.getByText('Organisationsnumret har fel kontrollsiffra. Kontrollera siffrorna.').waitFor();
    await page.getByLabel('Momsregistreringsnummer').fill('556677-8898');
    await page.getByLabel('Gatuadress').fill('Storgatan 1');
    await page.getByLabel('Postnummer').fill('111 22');
    await page.getByLabel('Ort').fill('Stockholm');
    await page.getByLabel('Bankgiro').fill('5050-1055');
    await page.getByLabel('Timpris (kr, exkl. moms)').fill('950');
    await page.getByRole('button', { name: 'Spara och börja' }).click();
    // The server refuses too, in Swedish, and nothing typed is lost.
    await page.getByText('Kontrollera fälten nedan.').waitFor();
    await shot('onboarding-errors-sv');
    expect(await org.inputValue()).toBe('556677-8898');
    expect(await org.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Ort').inputValue()).toBe('Stockholm');
    expect(await page.getByLabel('Bankgiro').inputValue()).toBe('5050-1055');
    await expect(page.getByText('Organisationsnumret har fel kontrollsiffra. Kontrollera siffrorna.').isVisible()).resolves.toBe(true);
    expect(page.url()).toContain('/valkommen');
  });

  it('accepts the right organisation number and starts on the dashboard', async () => {
    await page.getByLabel('Organisationsnummer').fill('5566778899');
    await page.getByLabel('Momsregistreringsnummer').fill('556677-8899');
    await page.getByText('Ser rätt ut').first().waitFor();
    // Onboarding asks for an answer about F-skatt (the invoice prints it).
    await page.getByLabel('Ja, godkänd för F-skatt').check();
    await page.getByRole('button', { name: 'Spara och börja' }).click();
    await waitForPath('/');
    expect(await page.getByTestId('workspace-name').textContent()).toBe('Lindqvist Konsult');
    const stored = await asUser(
      async (c) =>
        (await c.query(`select org_number, vat_number, bankgiro, default_hourly_rate_ore::int as rate from business_profiles`)).rows[0],
    );
    expect(stored).toEqual({ org_number: '556677-8899', vat_number: 'SE556677889901', bankgiro: '5050-1055', rate: 95000 });
    // Onboarding is done: the dashboard no longer sends there.
    await page.goto(url('/'));
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('uploads a logo and shows it as a preview', async () => {
    await page.goto(url('/profil'));
    await page.getByLabel('Välj bild').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    await page.getByText('Logotypen är sparad.').waitFor();
    const preview = page.getByTestId('logo-preview');
    await preview.waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid=logo-preview]') as HTMLImageElement | null)?.naturalWidth === 2);
    await shot('profile-sv');
    // A wrong file type is refused with a message next to the field.
    await page.getByLabel('Välj bild').setInputFiles({ name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('hej') });
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    await page.getByText('Välj en PNG- eller JPEG-bild.').waitFor();
  });

  it('logs hours by quick entry, with the rate from the client', async () => {
    Object.assign(
      ids,
      await asUser(async (c) => {
        const ws = (await c.query(`select workspace_id from business_profiles`)).rows[0].workspace_id;
        const client = (
          await c.query(`insert into nodes (workspace_id, kind, title) values ($1, 'client', 'Provkund AB') returning id`, [ws])
        ).rows[0].id;
        await c.query(
          `insert into client_details (node_id, workspace_id, name, org_number, address_line1, postal_code, city, default_hourly_rate_ore)
           values ($1, $2, 'Provkund AB', '556677-8899', 'Kundvägen 2', '222 33', 'Malmö', 120000)`,
          [client, ws],
        );
        const project = (
          await c.query(`insert into nodes (workspace_id, parent_id, kind, title) values ($1, $2, 'project', 'Webbprojekt') returning id`, [
            ws,
            client,
          ])
        ).rows[0].id;
        const task = (
          await c.query(`insert into nodes (workspace_id, parent_id, kind, title) values ($1, $2, 'task', 'Design') returning id`, [
            ws,
            project,
          ])
        ).rows[0].id;
        return { ws, client, project, task };
      }),
    );
    await page.goto(url('/tid'));
    const form = page.getByTestId('entry-form');
    await form.getByLabel('Kund, projekt eller uppgift').selectOption(ids.task);
    await form.getByText('Tomt: 1 200,00 kr från projekt eller kund').waitFor();
    await form.getByLabel('Tid', { exact: true }).fill('1:30');
    await form.getByLabel('Beskrivning').fill('Skisser');
    await form.getByRole('button', { name: 'Logga tid' }).click();
    await page.getByText('Tiden är loggad: 1 h 30 min.').waitFor();
    const entry = page.getByTestId('entry').filter({ hasText: 'Skisser' });
    await entry.waitFor();
    const text = (await entry.textContent())?.replace(/\s/g, ' ');
    expect(text).toContain('1 h 30 min');
    expect(text).toContain('1 200,00 kr/tim');

    // Bad input: the message sits next to the field and the rest is kept.
    await form.getByLabel('Tid', { exact: true }).fill('en stund');
    await form.getByLabel('Beskrivning').fill('Möte');
    await form.getByRole('button', { name: 'Logga tid' }).click();
    await page.getByText('Skriv tiden som 1:30, 1,5 eller 90m.').waitFor();
    expect(await form.getByLabel('Beskrivning').inputValue()).toBe('Möte');
  });

  it('logs hours in the week grid', async () => {
    await page.goto(url('/tid/vecka'));
    await page.getByLabel('Välj projekt eller uppgift att lägga till').selectOption(ids.project);
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    const row = page.getByTestId('grid-row').filter({ hasText: 'Webbprojekt' }).filter({ hasNotText: 'Design' });
    const monday = row.locator('input').first();
    await monday.fill('2');
    await monday.press('Enter');
    await page.getByTestId('week-total').filter({ hasText: '3 h 30 min' }).waitFor();
    await shot('week-grid-sv');
    // Typed badly: an error on the cell, nothing saved.
    const tuesday = row.locator('input').nth(1);
    await tuesday.fill('xyz');
    await tuesday.press('Enter');
    await page.getByText('Skriv tiden som 1:30, 1,5 eller 90m.').waitFor();
    expect(await tuesday.getAttribute('aria-invalid')).toBe('true');
    expect((await page.getByTestId('week-total').textContent())?.replace(/\s/g, ' ')).toBe('3 h 30 min');
  });

  it('runs a timer kept on the server: it survives a reload and shows on another device', async () => {
    await page.goto(url('/tid'));
    const timerForm = page.getByTestId('timer-form');
    await timerForm.getByLabel('Kund, projekt eller uppgift').selectOption(ids.project);
    await timerForm.getByLabel('Vad gör du?').fill('Workshop');
    await timerForm.getByRole('button', { name: 'Starta timer' }).click();
    await page.getByTestId('timer-running').waitFor();
    await page.reload();
    await page.getByTestId('timer-running').waitFor();
    expect(await page.getByTestId('timer-running').textContent()).toContain('Workshop');
    await shot('time-sv');

    const phone = await browser.newContext({ locale: 'sv-SE', viewport: { width: 390, height: 844 } });
    const other = await phone.newPage();
    await other.goto(url('/login'));
    await other.getByLabel('E-postadress').fill(email);
    await other.getByLabel('Lösenord', { exact: true }).fill(password);
    await other.getByRole('button', { name: 'Logga in' }).click();
    await waitForPath('/', other);
    await other.goto(url('/tid'));
    await other.getByTestId('timer-running').waitFor();
    await shot('time-sv-mobile', other);
    // The card's stop button (the header's timer has one too).
    await other.getByTestId('timer-running').getByRole('button', { name: 'Stoppa och logga' }).click();
    await other.getByText('Timern är stoppad:').waitFor();
    await other.getByTestId('entry').filter({ hasText: 'Workshop' }).waitFor();
    await phone.close();

    await page.reload();
    await page.getByTestId('timer-form').waitFor();
    await page.getByTestId('entry').filter({ hasText: 'Workshop' }).waitFor();
  });

  it('shows hours billed on a sent invoice as locked, with a link to the invoice, and offers no edit', async () => {
    Object.assign(
      ids,
      await asUser(async (c) => {
        const invoice = (
          await c.query(`insert into invoices (workspace_id, client_node_id) values ($1, $2) returning id`, [ids.ws, ids.client])
        ).rows[0].id;
        const line = (
          await c.query(
            `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, vat_rate) values ($1, $2, 'Konsulttimmar', 3, 120000, 25) returning id`,
            [ids.ws, invoice],
          )
        ).rows[0].id;
        const billed = (
          await c.query(
            `insert into time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description, invoice_line_id)
           values ($1, $2, (now() at time zone 'Europe/Stockholm')::date, 180, 120000, 'Fakturerad analys', $3) returning id`,
            [ids.ws, ids.task, line],
          )
        ).rows[0].id;
        await c.query(`select send_invoice($1)`, [invoice]);
        return { invoice, billed };
      }),
    );
    await page.goto(url('/tid'));
    const locked = page.getByTestId('entry').filter({ hasText: 'Fakturerad analys' });
    await locked.waitFor();
    expect(await locked.getAttribute('data-locked')).toBe('true');
    await expect(locked.getByText('Fakturerad – låst').isVisible()).resolves.toBe(true);
    expect(await locked.getByRole('link', { name: 'Visa fakturan' }).getAttribute('href')).toBe(`/fakturor/${ids.invoice}`);
    expect(await locked.getByRole('link', { name: /Ändra/ }).count()).toBe(0);
    expect(await locked.getByRole('button', { name: /Ta bort/ }).count()).toBe(0);

    await page.goto(url(`/tid/post/${ids.billed}`));
    await page.getByText('Tiden finns på en skickad faktura och kan inte ändras.').waitFor();
    expect(await page.getByRole('button', { name: 'Spara ändringar' }).count()).toBe(0);
    // An unknown id is not found.
    const missing = await page.goto(url('/tid/post/00000000-0000-4000-8000-000000000000'));
    expect(missing?.status()).toBe(404);
  });

  it('adds it all up on the dashboard, in Swedish and in English', async () => {
    await page.goto(url('/'));
    await page.getByTestId('unbilled-table').getByText('Provkund AB').waitFor();
    await page.getByTestId('hours-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await shot('dashboard-sv');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('dashboard-sv-mobile');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Konto' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('hours-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await shot('dashboard-en');
    for (const [p, name, heading] of [
      ['/tid', 'time-en', 'Quick entry'],
      ['/tid/vecka', 'week-grid-en', 'Time'],
      ['/profil', 'profile-en', 'Business profile'],
      ['/valkommen', 'onboarding-en', 'Welcome to Konsultverkstad'],
    ] as const) {
      await page.goto(url(p));
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
      await shot(name);
    }
  });
});
