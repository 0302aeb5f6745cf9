// VAT treatment and invoice extras in a real browser: a Norwegian client's draft is preset to
// "outside the EU" and its hours carry 0 %; a discount, öresavrundning and Er/Vår referens are
// set on the draft; a domestic 0 % line is refused at its field without an exemption reason; the
// sent PDF says why there is no Swedish VAT and never "Omvänd betalningsskyldighet".
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeProfile } from '../db/fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, signUpOnPage } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';

describe('VAT treatment on the draft invoice page', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: pg.Pool;
  let invoiceUrl: string;
  const email = `moms-${Date.now().toString(36)}@example.test`;

  beforeAll(async () => {
    app = await startTestApp();
    admin = new pg.Pool({ connectionString: app.standIn.dbUrl, max: 2 });
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } })).newPage();
  }, 600_000);

  reportFailuresAndCleanUp(() => app, [() => browser?.close(), () => admin?.end(), () => app?.stop()]);
  const url = (p: string) => `${app.appUrl}${p}`;
  const total = async () => (await page.getByTestId('invoice-total').first().textContent())?.replace(/\s/g, ' ');

  it('a Norwegian client’s draft is preset to outside the EU, its hours at 0 %', async () => {
    await signUpOnPage(page, url('/signup'), 'Moms Konsult', email, 'ett-långt-lösenord-1', app.standIn.outbox);
    const ws = (
      await admin.query(`select m.workspace_id from workspace_members m join auth.users u on u.id = m.user_id where u.email = $1`, [email])
    ).rows[0].workspace_id;
    const c = await admin.connect();
    try {
      await completeProfile(c, ws);
    } finally {
      c.release();
    }
    await admin.query(
      `with n as (insert into nodes (workspace_id, kind, title) values ($1, 'client', 'Fjord AS') returning id),
            d as (insert into client_details (node_id, workspace_id, name, vat_number, address_line1, postal_code, city, country, reverse_charge)
                  select id, $1, 'Fjord AS', 'NO923609016MVA', 'Bryggen 1', '5003', 'Bergen', 'NO', true from n)
       insert into time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description)
       select $1, n.id, date '2026-11-02', 120, 100000, 'Workshop' from n`,
      [ws],
    );
    await page.goto(url('/fakturor/ny'));
    await page.getByLabel('Välj kund').selectOption({ label: 'Fjord AS' });
    await page.getByRole('button', { name: 'Visa ofakturerad tid' }).click();
    await page.getByRole('button', { name: 'Skapa utkast' }).click();
    await page.waitForURL(/\/fakturor\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    invoiceUrl = new URL(page.url()).pathname;
    expect(await page.getByLabel('Momsbehandling').inputValue()).toBe('outside_eu');
    // 2 h × 1 000 kr, no Swedish VAT.
    expect(await total()).toBe('2 000,00 kr');
  });

  it('adds a 10 % discount, rounding and references; the totals follow', async () => {
    await page.getByLabel('eller i procent').fill('10');
    await page.getByRole('button', { name: 'Lägg till rabatten' }).click();
    await page.getByTestId('invoice-lines').getByText('Rabatt 10 %').waitFor();
    expect(await total()).toBe('1 800,00 kr');
    await page.getByLabel('Er referens').fill('Kari Nordmann');
    await page.getByLabel('Vår referens').fill('Åsa');
    await page.getByLabel('Avrunda att betala till hela kronor (öresavrundning)').check();
    await page.getByRole('button', { name: 'Spara uppgifter' }).click();
    await page.getByText('Uppgifterna är sparade.').waitFor();
    expect(await page.getByLabel('Er referens').inputValue()).toBe('Kari Nordmann');
  });

  it('sends, and the archived PDF (in English for a foreign buyer) says why there is no Swedish VAT', async () => {
    await page.getByRole('button', { name: 'Skicka fakturan' }).click();
    await page.getByRole('heading', { name: 'Faktura 1' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('vat-treatment').textContent()).toContain('utanför EU');
    const id = invoiceUrl.split('/').at(-1);
    const res = await page.request.get(url(`/api/invoices/${id}/pdf`));
    expect(res.status()).toBe(200);
    const file = path.join(os.tmpdir(), `vat-e2e-${Date.now()}.pdf`);
    writeFileSync(file, Buffer.from(await res.body()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('No Swedish VAT: the service is supplied outside the EU (ch. 6 Swedish VAT Act 2023:200).');
    expect(text).not.toContain('Omvänd betalningsskyldighet');
    expect(text).toContain('Your reference Kari Nordmann');
    expect(text).toContain('Our reference Åsa');
    expect(text).toContain('Rabatt 10 %');
  });

  it('a domestic 0 % line without an exemption reason is refused at its field, keeping what was typed', async () => {
    await page.goto(url('/fakturor/ny'));
    await page.getByLabel('Välj kund').selectOption({ label: 'Fjord AS' });
    await page.getByRole('button', { name: 'Visa ofakturerad tid' }).click();
    await page.getByText('Ingen ofakturerad tid för kunden.').waitFor();
    await page.getByRole('button', { name: 'Skapa utkast' }).click();
    await page.waitForURL(/\/fakturor\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await page.getByLabel('Momsbehandling').selectOption('domestic');
    await page.getByRole('button', { name: 'Spara uppgifter' }).click();
    await page.getByText('Uppgifterna är sparade.').waitFor();
    const form = page.getByRole('form', { name: 'Lägg till rad' });
    await form.getByLabel('Beskrivning').fill('Kursdag');
    await form.getByLabel('À-pris').fill('500');
    await form.getByLabel('Moms', { exact: true }).selectOption('0');
    await form.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await form.getByText('Rader med 0 % moms på en svensk faktura behöver ett skäl').waitFor();
    expect(await form.getByLabel('Beskrivning').inputValue()).toBe('Kursdag');
    await form.getByLabel('Skäl till 0 % moms').selectOption('education');
    await form.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByTestId('invoice-lines').getByText('Kursdag').waitFor();
    const line = await admin.query(`select vat_rate, vat_exemption_reason from invoice_lines where description = 'Kursdag'`);
    expect(line.rows).toEqual([{ vat_rate: 0, vat_exemption_reason: 'education' }]);
  });
});
