// Invoicing end to end in a real browser against the real app: hours (seeded by SQL as the hours
// UI is another feature) → build a draft → live totals → preview → an incomplete send lists every
// missing field → send → download the archived original → mark paid (one click) → credit → email.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../lib/time/week';
import { completeProfile } from '../db/fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { confirmSignUpOnPage, launchBrowser } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';
import { repoRoot } from '../support/paths';

const shots = path.join(repoRoot, '.data/screenshots');
const pdfText = (bytes: Buffer) => {
  const file = path.join(os.tmpdir(), `invoice-e2e-${Date.now()}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

describe('invoicing flow in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: pg.Pool;
  let workspaceId: string;
  let invoiceUrl: string;
  const email = `fakturor-${Date.now().toString(36)}@example.test`;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startTestApp();
    admin = new pg.Pool({ connectionString: app.standIn.dbUrl, max: 2 });
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  }, 600_000);

  reportFailuresAndCleanUp(() => app, [() => browser?.close(), () => admin?.end(), () => app?.stop()]);

  const url = (p: string) => `${app.appUrl}${p}`;
  const invoiceRow = async () =>
    (
      await admin.query(
        `select id, status, number::int, pdf_sha256 from invoices where workspace_id = $1 and kind = 'invoice' order by created_at limit 1`,
        [workspaceId],
      )
    ).rows[0];

  it('signs up, and hours are logged for a client (seeded by SQL)', async () => {
    await page.goto(url('/signup'));
    await page.getByLabel('Företagsnamn').fill('Lindqvist Konsult');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill('ett-långt-lösenord-1');
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await confirmSignUpOnPage(page, app.standIn.outbox, email);
    await page.waitForURL((u) => u.pathname === '/valkommen', { timeout: 30_000 });
    workspaceId = (
      await admin.query(`select m.workspace_id from workspace_members m join auth.users u on u.id = m.user_id where u.email = $1`, [email])
    ).rows[0].workspace_id;
    // The profile lacks a VAT number and payment details until the incomplete send below.
    await admin.query(
      `update business_profiles set legal_name = 'Lindqvist Konsult', org_number = '800101-0019', address_line1 = 'Storgatan 1',
         postal_code = '111 22', city = 'Stockholm', f_skatt = true where workspace_id = $1`,
      [workspaceId],
    );
    await admin.query(
      `with c as (insert into nodes (workspace_id, kind, title) values ($1, 'client', 'Åkesson AB') returning id),
            d as (insert into client_details (node_id, workspace_id, name, org_number, address_line1, postal_code, city, email)
                  select id, $1, 'Åkesson AB', '556677-8899', 'Kundvägen 2', '222 33', 'Malmö', 'ekonomi@akesson.example' from c),
            p as (insert into nodes (workspace_id, parent_id, kind, title) select $1, id, 'project', 'Webbplats' from c returning id),
            t as (insert into nodes (workspace_id, parent_id, kind, title) select $1, id, 'task', 'Design' from p returning id)
       insert into time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description)
       select $1, p.id, date '2026-11-02', 90, 95000, 'Planering' from p
       union all select $1, t.id, date '2026-11-03', 120, 95000, 'Skisser' from t
       union all select $1, t.id, date '2026-11-04', 30, 95000, 'Avstämning' from t`,
      [workspaceId],
    );
  });

  it('builds a draft from the unbilled hours, grouped per project and task', async () => {
    await page.goto(url('/fakturor'));
    await page.screenshot({ path: path.join(shots, 'invoices-empty-sv.png'), fullPage: true });
    await page.getByRole('link', { name: 'Ny faktura' }).click();
    await page.getByLabel('Välj kund').selectOption({ label: 'Åkesson AB' });
    await page.getByRole('button', { name: 'Visa ofakturerad tid' }).click();
    await page.getByText('Webbplats › Design · 950,00 kr/tim').first().waitFor();
    expect(await page.getByTestId('selected-summary').textContent()).toContain('4 h');
    await page.screenshot({ path: path.join(shots, 'invoice-builder-sv.png'), fullPage: true });
    await page.getByRole('button', { name: 'Skapa utkast' }).click();
    await page.waitForURL(/\/fakturor\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    invoiceUrl = new URL(page.url()).pathname;
    const lines = page.getByTestId('invoice-lines');
    await expect(lines.getByText('Design – Webbplats').isVisible()).resolves.toBe(true);
    // 1.5 h + 2.5 h at 950 kr = 3 800 kr; 25 % VAT → 4 750 kr.
    expect((await page.getByTestId('invoice-total').first().textContent())?.replace(/\s/g, ' ')).toBe('4 750,00 kr');
  });

  it('shows totals live while a free line is typed, then adds it', async () => {
    await page.getByLabel('Beskrivning').fill('Resekostnad');
    await page.getByLabel('À-pris').fill('500');
    await page.getByLabel('Moms', { exact: true }).selectOption('6');
    // 4 750 + 500 + 6 % of 500 (30) = 5 280 kr, before anything is saved.
    await page.getByText('Med den nya raden').waitFor();
    expect((await page.getByTestId('invoice-total').first().textContent())?.replace(/\s/g, ' ')).toBe('5 280,00 kr');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByTestId('invoice-lines').getByText('Resekostnad').waitFor();
    expect(await page.getByLabel('Beskrivning').inputValue()).toBe('');
    await page.screenshot({ path: path.join(shots, 'invoice-draft-sv.png'), fullPage: true });
  });

  it('previews the PDF marked as a draft', async () => {
    const id = invoiceUrl.split('/').at(-1);
    const res = await page.request.get(url(`/api/invoices/${id}/preview`));
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const text = pdfText(Buffer.from(await res.body()));
    expect(text).toContain('UTKAST – EJ SKICKAD');
    expect(text).toContain('Åkesson AB');
  });

  it('refuses to send an incomplete invoice and lists everything missing', async () => {
    await page.getByRole('button', { name: 'Skicka fakturan' }).click();
    const missing = page.getByTestId('missing-fields');
    await missing.waitFor();
    const text = await missing.textContent();
    expect(text).toContain('Ditt momsregistreringsnummer saknas i profilen.');
    expect(text).toContain('Betalningsuppgifter saknas i profilen');
    expect((await invoiceRow()).status).toBe('draft');
    await page.screenshot({ path: path.join(shots, 'invoice-incomplete-sv.png'), fullPage: true });
  });

  it('sends once on a double click, archives the PDF and downloads the verified original', async () => {
    const c = await admin.connect();
    try {
      await completeProfile(c, workspaceId);
    } finally {
      c.release();
    }
    await page.goto(url(invoiceUrl));
    await page.getByRole('button', { name: 'Skicka fakturan' }).dblclick();
    await page.getByRole('heading', { name: 'Faktura 1' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('invoice-status').textContent()).toBe('Skickad');
    const row = await invoiceRow();
    expect(row).toMatchObject({ status: 'sent', number: 1 });
    expect(
      Number((await admin.query(`select next_number from number_series where workspace_id = $1`, [workspaceId])).rows[0].next_number),
    ).toBe(2);
    await expect(page.getByRole('button', { name: 'Skicka fakturan' }).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(shots, 'invoice-sent-sv.png'), fullPage: true });

    const download = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner PDF' }).click()]).then(
      ([d]) => d,
    );
    expect(download.suggestedFilename()).toBe('faktura-1.pdf');
    const bytes = Buffer.from(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks)));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.pdf_sha256);
    const text = pdfText(bytes);
    expect(text).toContain('Fakturanummer 1');
    expect(text).toContain('Godkänd för F-skatt');
    expect(text).toContain('5 280,00 kr');
  });

  it('marks the invoice paid in one click, dated today', async () => {
    await page.getByRole('button', { name: 'Markera betald' }).click();
    await page.getByTestId('invoice-status').getByText('Betald').waitFor();
    expect(await page.getByTestId('paid-on').textContent()).toBe(today());
  });

  it('emails the archived PDF to the client (the stand-in outbox)', async () => {
    await page.getByRole('button', { name: 'Skicka PDF:en' }).click();
    await page.getByText('Fakturan är skickad till ekonomi@akesson.example.').waitFor();
    const mail = app.standIn.outbox.list('ekonomi@akesson.example').at(-1);
    expect(mail?.subject).toBe('Faktura 1 från Testkonsult Enskild Firma');
    expect(mail?.attachments?.[0]).toMatchObject({ filename: 'faktura-1.pdf', sha256: (await invoiceRow()).pdf_sha256 });
  });

  it('credits the invoice with a credit note that gets its own number and archived PDF', async () => {
    await page.getByRole('button', { name: 'Skapa kreditnota' }).click();
    await page.getByRole('heading', { name: 'Kreditnota (utkast)' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Skicka fakturan' }).click();
    await page.getByRole('heading', { name: 'Kreditnota 2' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(shots, 'credit-note-sv.png'), fullPage: true });
    const noteId = new URL(page.url()).pathname.split('/').at(-1);
    const res = await page.request.get(url(`/api/invoices/${noteId}/pdf`));
    expect(res.status()).toBe(200);
    const text = pdfText(Buffer.from(await res.body()));
    expect(text).toContain('Kreditnotanummer 2');
    expect(text).toMatch(/Krediterar faktura 1 daterad \d{4}-\d{2}-\d{2}/);
    expect((await invoiceRow()).status).toBe('credited');
  });

  it('lists both in the register with totals netting to zero, in Swedish and English, on a phone too', async () => {
    await page.goto(url('/fakturor'));
    await expect(page.getByTestId('invoice-row').count()).resolves.toBe(2);
    expect((await page.getByTestId('selection-totals').textContent())?.replace(/\s/g, ' ')).toContain('Totalt 0,00 kr');
    expect(await page.getByRole('link', { name: 'Exportera CSV' }).getAttribute('href')).toBe('/api/exports/register.csv');
    await page.getByLabel('Status').selectOption('credited');
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/status=credited/);
    await expect(page.getByTestId('invoice-row').count()).resolves.toBe(1);
    expect(await page.getByRole('link', { name: 'Exportera CSV' }).getAttribute('href')).toBe('/api/exports/register.csv?status=credited');
    await page.goto(url('/fakturor'));
    await page.screenshot({ path: path.join(shots, 'invoices-sv.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(shots, 'invoices-sv-mobile.png'), fullPage: true });
    await page.goto(url(invoiceUrl));
    await page.screenshot({ path: path.join(shots, 'invoice-sv-mobile.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The account's language is English from its next sign-in on.
    await admin.query(`update auth.users set raw_user_meta_data = raw_user_meta_data || '{"locale":"en"}' where email = $1`, [email]);
    const en = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const enPage = await en.newPage();
    await enPage.goto(url('/login?lang=en'));
    await enPage.getByLabel('Email address').fill(email);
    await enPage.getByLabel('Password', { exact: true }).fill('ett-långt-lösenord-1');
    await enPage.getByRole('button', { name: 'Sign in' }).click();
    await enPage.waitForURL((u) => u.pathname === '/', { timeout: 30_000 });
    await enPage.goto(url('/fakturor'));
    await enPage.getByRole('heading', { name: 'Invoices' }).waitFor();
    await enPage.screenshot({ path: path.join(shots, 'invoices-en.png'), fullPage: true });
    await enPage.goto(url(invoiceUrl));
    await enPage.getByRole('heading', { name: 'Invoice 1' }).waitFor();
    await enPage.screenshot({ path: path.join(shots, 'invoice-en.png'), fullPage: true });
    await en.close();
  });
});
