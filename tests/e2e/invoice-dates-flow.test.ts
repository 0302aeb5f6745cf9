// Issue 12 in the browser: a draft with a backdated planned date and hours edited after billing is
// sent; the invoice shows today's date (Stockholm) and the edited hours, its PDF too. A date out
// of bounds is refused at its field with what was typed kept. Hours are seeded and edited by SQL
// as the hours UI is another feature (the triggers hold for that role as for every other).
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

describe('a backdated draft with edited hours, sent in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: pg.Pool;
  let workspaceId: string;
  const email = `datum-${Date.now().toString(36)}@example.test`;

  beforeAll(async () => {
    app = await startTestApp();
    admin = new pg.Pool({ connectionString: app.standIn.dbUrl, max: 2 });
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } })).newPage();
  }, 600_000);

  reportFailuresAndCleanUp(() => app, [() => browser?.close(), () => admin?.end(), () => app?.stop()]);

  const url = (p: string) => `${app.appUrl}${p}`;

  it('drafts 3 h, plans it for 2015-06-01, and the hours become 4 h on the draft', async () => {
    await signUpOnPage(page, url('/signup'), 'Datumkonsult', email, 'ett-långt-lösenord-1', app.standIn.outbox);
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
      `with c as (insert into nodes (workspace_id, kind, title) values ($1, 'client', 'Öberg & Co') returning id),
            d as (insert into client_details (node_id, workspace_id, name, org_number, address_line1, postal_code, city)
                  select id, $1, 'Öberg & Co', '556677-8899', 'Kundvägen 2', '222 33', 'Malmö' from c),
            p as (insert into nodes (workspace_id, parent_id, kind, title) select $1, id, 'project', 'Revision' from c returning id)
       insert into time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore) select $1, p.id, date '2026-11-02', 180, 100000 from p`,
      [workspaceId],
    );

    await page.goto(url('/fakturor/ny'));
    await page.getByLabel('Välj kund').selectOption({ label: 'Öberg & Co' });
    await page.getByRole('button', { name: 'Visa ofakturerad tid' }).click();
    await page.getByText('Revision').first().waitFor();
    await page.getByRole('button', { name: 'Skapa utkast' }).click();
    await page.waitForURL(/\/fakturor\/[0-9a-f-]{36}$/, { timeout: 30_000 });

    // An absurd supply date is refused at its field; the planned dates typed are kept.
    await page.getByLabel('Fakturadatum').fill('2015-06-01');
    await page.getByLabel('Förfallodag').fill('2015-07-01');
    await page.getByLabel('Leveransdatum').fill('1999-12-31');
    await page.getByRole('button', { name: 'Spara uppgifter' }).click();
    await page.getByText('Leveransdatum ska ligga mellan 2000-01-01 och ett år efter fakturadatum.').waitFor();
    expect(await page.getByLabel('Fakturadatum').inputValue()).toBe('2015-06-01');
    await page.getByLabel('Leveransdatum').fill('');
    await page.getByRole('button', { name: 'Spara uppgifter' }).click();
    await page.getByText('Uppgifterna är sparade.').waitFor();

    await admin.query(`update time_entries set minutes = 240 where workspace_id = $1`, [workspaceId]);
    await page.reload();
    expect((await page.getByTestId('invoice-lines').textContent())?.replace(/\s/g, ' ')).toContain('4 h');
  });

  it('sends it dated today with the due date 30 days on, billing 4 h, in the page and the PDF', async () => {
    const today = (await admin.query(`select private.stockholm_today()::text as d, (private.stockholm_today() + 30)::text as due`)).rows[0];
    await page.getByRole('button', { name: 'Skicka fakturan' }).click();
    await page.getByRole('heading', { name: 'Faktura 1' }).waitFor({ timeout: 30_000 });
    const facts = (await page.locator('dl').first().textContent()) ?? '';
    expect(facts).toContain(today.d);
    expect(facts).toContain(today.due);
    expect(facts).not.toContain('2015');
    expect((await page.getByTestId('invoice-lines').textContent())?.replace(/\s/g, ' ')).toContain('4 h');

    const id = new URL(page.url()).pathname.split('/').at(-1);
    const res = await page.request.get(url(`/api/invoices/${id}/pdf`));
    expect(res.status()).toBe(200);
    const file = path.join(os.tmpdir(), `invoice-dates-${Date.now()}.pdf`);
    writeFileSync(file, Buffer.from(await res.body()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`Fakturadatum ${today.d}`);
    expect(text).not.toContain('2015-06-01');
    expect(text).toMatch(/4(,00)? h/);
    const row = (await admin.query(`select issue_date::text, net_ore::int from invoices where id = $1`, [id])).rows[0];
    expect(row).toEqual({ issue_date: today.d, net_ore: 400_000 });
  });
});
