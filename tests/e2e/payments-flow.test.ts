// Payments and crediting in a real browser against the real app (issue 12): a partial payment, a
// refused future date that keeps what was typed, a reversal with a reason, a full credit whose page
// asks for no payment, and the credited invoice's hours released and billed on a new invoice
// whose page names the first one. Then the bank's file (issue 19): import → review → booked →
// invoice paid → the SIE file's payment voucher.
import iconv from 'iconv-lite';
import pg from 'pg';
import type { Browser, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../lib/time/week';
import { completeProfile } from '../db/fixtures';
import { bgmaxFile } from '../support/bank-files';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, signUpOnPage } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';

describe('payments and credit notes in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: pg.Pool;
  let workspaceId: string;
  let invoiceUrl: string;
  const email = `betalningar-${Date.now().toString(36)}@example.test`;
  const text = async (testId: string) => (await page.getByTestId(testId).first().textContent())?.replace(/\s/g, ' ');
  /** What a locator shows, its spaces (sv-SE money's no-break spaces, cells' tabs) as one space. */
  const shown = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    app = await startTestApp();
    admin = new pg.Pool({ connectionString: app.standIn.dbUrl, max: 2 });
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } })).newPage();
  }, 600_000);

  reportFailuresAndCleanUp(() => app, [() => browser?.close(), () => admin?.end(), () => app?.stop()]);

  const url = (p: string) => `${app.appUrl}${p}`;
  const invoiceId = () => invoiceUrl.split('/').at(-1)!;

  async function billAllHours() {
    await page.goto(url('/fakturor/ny'));
    await page.getByLabel('Välj kund').selectOption({ label: 'Berg AB' });
    await page.getByRole('button', { name: 'Visa ofakturerad tid' }).click();
    await page.getByRole('button', { name: 'Skapa utkast' }).click();
    await page.waitForURL(/\/fakturor\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Skicka fakturan' }).click();
  }

  it('signs up with a complete profile and hours for a client (seeded by SQL), and sends an invoice', async () => {
    await signUpOnPage(page, url('/signup'), 'Berg Konsult', email, 'ett-långt-lösenord-1', app.standIn.outbox);
    workspaceId = (
      await admin.query(`select m.workspace_id from workspace_members m join auth.users u on u.id = m.user_id where u.email = $1`, [email])
    ).rows[0].workspace_id;
    const c = await admin.connect();
    try {
      await completeProfile(c, workspaceId);
    } finally {
      c.release();
    }
    await admin.query(
      `with c as (insert into nodes (workspace_id, kind, title) values ($1, 'client', 'Berg AB') returning id),
            d as (insert into client_details (node_id, workspace_id, name, org_number, address_line1, postal_code, city)
                  select id, $1, 'Berg AB', '556677-8899', 'Kundvägen 2', '222 33', 'Malmö' from c),
            p as (insert into nodes (workspace_id, parent_id, kind, title) select $1, id, 'project', 'Analys' from c returning id)
       insert into time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description)
       select $1, p.id, date '2026-11-02', 120, 100000, 'Intervjuer' from p
       union all select $1, p.id, date '2026-11-03', 240, 100000, 'Rapport' from p`,
      [workspaceId],
    );
    await billAllHours();
    await page.getByRole('heading', { name: 'Faktura 1' }).waitFor({ timeout: 30_000 });
    invoiceUrl = new URL(page.url()).pathname;
    // 6 h × 1 000 kr + 25 % = 7 500 kr, nothing paid.
    expect(await text('outstanding')).toBe('7 500,00 kr');
  });

  it('records a partial payment; the invoice is partly paid and shows what is left', async () => {
    await page.getByLabel('Belopp (kr)').fill('2000');
    await page.getByLabel('Referens (valfri)').fill('Bg-insättning 4711');
    await page.getByRole('button', { name: 'Registrera betalningen' }).click();
    await page.getByTestId('invoice-status').getByText('Delbetald').waitFor();
    expect(await text('outstanding')).toBe('5 500,00 kr');
    expect(await text('payments')).toContain('Bg-insättning 4711');
    expect(await text('invoice-events')).toContain('Betalning registrerad · 2 000,00 kr');
  });

  it('refuses a payment dated tomorrow at the date field and keeps what was typed', async () => {
    await page.getByLabel('Belopp (kr)').fill('300');
    await page.getByLabel('Betalningsdatum').fill(addDays(today(), 1));
    await page.getByRole('button', { name: 'Registrera betalningen' }).click();
    await page.getByText('Betalningsdatumet kan inte ligga efter i dag.').waitFor();
    expect(await page.getByLabel('Belopp (kr)').inputValue()).toBe('300');
    const { rows } = await admin.query(`select count(*)::int as n from invoice_payments where invoice_id = $1`, [invoiceId()]);
    expect(rows[0].n).toBe(1);
  });

  it('reverses the wrong payment with a reason; the invoice is unpaid again and the payment is kept', async () => {
    await page.goto(url(invoiceUrl));
    await page.getByText('Återför', { exact: true }).click();
    await page.getByLabel('Varför återförs betalningen?').fill('Betalningen gällde en annan kund');
    await page.getByRole('button', { name: 'Återför betalningen' }).click();
    await page.getByTestId('invoice-status').getByText('Skickad').waitFor();
    expect(await text('outstanding')).toBe('7 500,00 kr');
    expect(await text('payments')).toContain('Återförd');
    expect(await text('invoice-events')).toMatch(/Betalning återförd · [−-]2 000,00 kr · Betalningen gällde en annan kund/);
    const { rows } = await admin.query(`select amount_ore::int as a from invoice_payments where invoice_id = $1 order by created_at`, [
      invoiceId(),
    ]);
    expect(rows.map((r) => r.a)).toEqual([200000, -200000]);
  });

  it('credits the invoice in full; the credit note asks for no payment and the invoice shows as credited', async () => {
    await page.getByRole('button', { name: 'Skapa kreditnota' }).click();
    await page.getByRole('heading', { name: 'Kreditnota (utkast)' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Skicka fakturan' }).click();
    await page.getByRole('heading', { name: 'Kreditnota 2' }).waitFor({ timeout: 30_000 });
    expect(await text('credit-note-no-payment')).toBe('En kreditnota begär ingen betalning. Kunden får tillbaka 7 500,00 kr.');
    await expect(page.getByText('Förfallodag').count()).resolves.toBe(0);
    await expect(page.getByTestId('payments-panel').count()).resolves.toBe(0);
    await page.goto(url(invoiceUrl));
    await page.getByTestId('invoice-status').getByText('Krediterad').waitFor();
    expect(await text('outstanding')).toBe('0,00 kr');
    await expect(page.getByRole('button', { name: 'Registrera betalningen' }).count()).resolves.toBe(0);
  });

  it('releases the credited hours and bills them on a new invoice; both pages show the history', async () => {
    await page.getByRole('button', { name: 'Släpp timmarna' }).click();
    await page.getByTestId('hours-released').waitFor({ timeout: 30_000 });
    expect(await text('hours-released')).toBe('Timmarna är släppta och kan faktureras på en ny faktura.');
    expect(await text('invoice-events')).toContain('Timmar släppta för ny fakturering');
    await billAllHours();
    await page.getByRole('heading', { name: 'Faktura 3' }).waitFor({ timeout: 30_000 });
    expect(await text('rebilled-from')).toBe('Timmarna fakturerades först på faktura 1, som är krediterad.');
    expect(await text('outstanding')).toBe('7 500,00 kr');
    await page.goto(url('/fakturor'));
    // What the row shows (a phone's repeated column headings are hidden on a wide screen).
    const rows = await page.getByTestId('invoice-row').allInnerTexts();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.startsWith('Kreditnota 2'))).not.toMatch(/Förfallen/);
  });

  it('reads the bank’s BgMax file: the payment is matched to invoice 3 by its OCR number, booked, and the SIE file has its voucher', async () => {
    const { rows } = await admin.query(`select ocr_reference as ocr from invoices where workspace_id = $1 and number = 3`, [workspaceId]);
    const file = bgmaxFile([
      { date: today().replaceAll('-', ''), payments: [{ ref: rows[0].ocr, ore: 750000, serial: 1, name: 'BERG AB' }] },
    ]);
    await page.goto(url('/fakturor'));
    await page.getByRole('link', { name: 'Läs in betalningar' }).click();
    await page.getByLabel('Bankfil').setInputFiles({ name: 'bgmax.txt', mimeType: 'text/plain', buffer: Buffer.from(file, 'latin1') });
    await page.getByRole('button', { name: 'Läs in', exact: true }).click();
    // Review: nothing is booked until the consultant says so.
    await page.getByTestId('import-review').waitFor({ timeout: 30_000 });
    const row = page.getByTestId('bank-payment');
    expect(await shown(row)).toMatch(/7 500,00 kr BERG AB \d+ .* OCR$/);
    expect(await shown(row.getByLabel('Välj faktura').locator('option:checked'))).toBe('3 · Berg AB · 7 500,00 kr');
    expect(
      (
        await admin.query(
          `select count(*)::int as n from invoice_payments where invoice_id in (select id from invoices where number = 3 and workspace_id = $1)`,
          [workspaceId],
        )
      ).rows[0].n,
    ).toBe(0);
    await page.getByTestId('book-import').click();
    await page.getByText('1 betalningar bokfördes.').waitFor({ timeout: 30_000 });
    expect(await shown(page.getByTestId('bank-payment-invoice'))).toBe('3 · Bokförd · betald');
    await page.getByRole('link', { name: '3', exact: true }).click();
    await page.getByTestId('invoice-status').getByText('Betald').waitFor({ timeout: 30_000 });
    expect(await text('outstanding')).toBe('0,00 kr');
    const sie = iconv.decode(await (await page.request.get(url(`/api/exports/sie?year=${today().slice(0, 4)}`))).body(), 'cp437');
    const voucher = sie.match(/^#VER "?X"? \d+ (\d{8}) "Inbetalning faktura 3 Berg AB"\r\n\{\r\n([\s\S]*?)\r\n\}/m);
    expect(voucher?.[1]).toBe(today().replaceAll('-', ''));
    expect(voucher?.[2].split('\r\n').map((t) => t.trim().replace(/\s+/g, ' '))).toEqual([
      '#TRANS 1930 {} 7500.00',
      '#TRANS 1510 {} -7500.00',
    ]);
  });
});
