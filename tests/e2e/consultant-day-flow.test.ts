// Issue 17, items 3 and 4, in a real browser against the built app: the timer in the header on
// every page; the rounding rule picked and shown where time is entered; the week's entries grouped
// by day with day totals and undo of a delete; the week grid's locked cell marked and showing what
// is stored after a refusal; one step from a client on the map to a draft; a line edited in place.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { actAsUser } from '../../lib/db/transaction';
import { mondayOf, addDays, today } from '../../lib/time/week';
import { completeProfile } from '../db/fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, signUpOnPage } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';
import { repoRoot } from '../support/paths';

const shots = path.join(repoRoot, '.data/screenshots');

describe("the consultant's day: hours and drafts", () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: pg.Pool;
  let appPool: pg.Pool;
  const email = `dagen-${Date.now().toString(36)}@example.test`;
  const monday = mondayOf(today());

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startTestApp();
    admin = new pg.Pool({ connectionString: app.standIn.dbUrl, max: 2 });
    appPool = new pg.Pool({ connectionString: app.standIn.appDbUrl, max: 1 });
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  }, 600_000);

  reportFailuresAndCleanUp(() => app, [() => browser?.close(), () => admin?.end(), () => appPool?.end(), () => app?.stop()]);

  const url = (p: string) => `${app.appUrl}${p}`;
  const headerTimer = () => page.getByTestId('header-timer');

  it('signs up; a client has hours this week, some billed on a sent invoice (seeded)', async () => {
    await signUpOnPage(page, url('/signup'), 'Dagens Konsult', email, 'ett-långt-lösenord-1', app.standIn.outbox);
    const { rows } = await admin.query(
      `select m.workspace_id, u.id as user_id from workspace_members m join auth.users u on u.id = m.user_id where u.email = $1`,
      [email],
    );
    const { workspace_id: workspaceId, user_id: userId } = rows[0];
    const c = await admin.connect();
    try {
      await completeProfile(c, workspaceId);
    } finally {
      c.release();
    }
    const billed = await admin.query(
      `with c as (insert into nodes (workspace_id, kind, title) values ($1, 'client', 'Åkesson AB') returning id),
            d as (insert into client_details (node_id, workspace_id, name, org_number, address_line1, postal_code, city)
                  select id, $1, 'Åkesson AB', '556677-8899', 'Kundvägen 2', '222 33', 'Malmö' from c),
            p as (insert into nodes (workspace_id, parent_id, kind, title) select $1, id, 'project', 'Webbplats' from c returning id),
            t as (insert into nodes (workspace_id, parent_id, kind, title) select $1, id, 'task', 'Design' from p returning id),
            e as (insert into time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description)
                  select $1, p.id, $2::date, 60, 100000, 'Planering' from p
                  union all select $1, t.id, $2::date, 120, 100000, 'Skisser' from t
                  union all select $1, t.id, $3::date, 90, 100000, 'Fakturerad analys' from t
                  returning id, description)
       select (select id from c) as client_id, (select id from e where description = 'Fakturerad analys') as entry_id`,
      [workspaceId, monday, addDays(monday, 1)],
    );
    await actAsUser(appPool, userId, async (tx) => {
      const { rows: inv } = await tx.query(`insert into public.invoices (workspace_id, client_node_id) values ($1, $2) returning id`, [
        workspaceId,
        billed.rows[0].client_id,
      ]);
      await tx.query(`select public.bill_time_entries($1, $2)`, [inv[0].id, [billed.rows[0].entry_id]]);
      await tx.query(`select public.send_invoice($1)`, [inv[0].id]);
    });
  });

  it('starts the timer from the header on any page, keeps it there across pages, and stops it there', async () => {
    await page.goto(url('/fakturor'));
    // A task added after the page loaded (on the map, in another tab) is in the menu when it opens.
    await admin.query(
      `insert into nodes (workspace_id, parent_id, kind, title)
       select workspace_id, id, 'task', 'Tillagd efteråt' from nodes where title = 'Webbplats' and kind = 'project'`,
    );
    await headerTimer().getByRole('button', { name: 'Starta en timer' }).click();
    const form = page.getByRole('form', { name: 'Starta en timer' });
    await form.getByRole('option', { name: 'Webbplats › Tillagd efteråt' }).waitFor({ state: 'attached' });
    await admin.query(`delete from nodes where title = 'Tillagd efteråt'`);
    await form.getByLabel('Kund, projekt eller uppgift').selectOption({ label: 'Webbplats › Design' });
    await form.getByLabel('Vad gör du?').fill('Granskning');
    await form.getByText('Ingen avrundning').waitFor();
    await form.getByRole('button', { name: 'Starta timer' }).click();
    await page.getByTestId('header-timer-elapsed').waitFor();
    await page.goto(url('/karta'));
    await page.getByTestId('header-timer-elapsed').waitFor();
    expect(await headerTimer().getAttribute('aria-label')).toBe('Timern går på Åkesson AB › Webbplats › Design');
    await headerTimer().getByRole('button', { name: 'Stoppa och logga' }).click();
    await headerTimer().getByRole('button', { name: 'Starta en timer' }).waitFor();
  });

  it('rounds time by the rule the consultant picks, and says so where time is entered', async () => {
    await page.goto(url('/tid'));
    // The timer stopped above logged its seconds to the nearest minute (no rounding yet).
    await page.getByTestId('entry').filter({ hasText: 'Granskning' }).waitFor();
    const rounding = page.getByTestId('rounding-form');
    await rounding.getByLabel('Avrundning').selectOption('15');
    await rounding.getByRole('button', { name: 'Spara avrundning' }).click();
    await page.getByText('Avrundningen är sparad.').waitFor();
    const entry = page.getByTestId('entry-form');
    await entry.getByText('Avrundas uppåt till 15 min.').waitFor();
    await page.getByTestId('timer-rounding').getByText('Avrundas uppåt till 15 min.').waitFor();
    await entry.getByLabel('Tid', { exact: true }).fill('0:07');
    await entry.getByLabel('Kund, projekt eller uppgift').selectOption({ label: 'Webbplats › Design' });
    await entry.getByLabel('Beskrivning').fill('Mejl till kunden');
    await entry.getByRole('button', { name: 'Logga tid' }).click();
    await entry.getByText('Tiden är loggad: 15 min.').waitFor();
  });

  it('groups the week by day with day totals, shows whole task names, and undoes a delete', async () => {
    await page.goto(url(`/tid?vecka=${monday}`));
    const mondaySection = page.getByTestId('entry-day').filter({ hasText: 'Planering' });
    // 1 h Planering + 2 h Skisser on Monday.
    expect(await mondaySection.getByTestId('day-total').textContent()).toBe('3 h');
    const name = mondaySection.getByTestId('entry').filter({ hasText: 'Skisser' }).getByText('Åkesson AB › Webbplats › Design');
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: path.join(shots, 'time-days-sv.png'), fullPage: true });

    const mejl = page.getByTestId('entry').filter({ hasText: 'Mejl till kunden' });
    await mejl.getByRole('button', { name: /^Ta bort/ }).click();
    const toast = page.getByTestId('undo-toast');
    await toast.getByText('Tidsposten är borttagen.').waitFor();
    await mejl.waitFor({ state: 'detached' });
    await toast.getByRole('button', { name: 'Ångra' }).click();
    await toast.getByText('Tidsposten är återställd.').waitFor();
    await mejl.waitFor();
    expect(await mejl.textContent()).toContain('15 min');
  });

  it('marks the billed cell in the week grid and shows what is stored after refusing to clear it', async () => {
    await page.goto(url(`/tid/vecka?vecka=${monday}`));
    const row = page.getByTestId('grid-row').filter({ hasText: 'Design' });
    const cell = row.getByLabel(/Design, Tis .*: fakturerad, låst/);
    expect(await cell.inputValue()).toBe('1:30');
    const total = await page.getByTestId('week-total').textContent();
    await cell.fill('');
    await cell.press('Enter');
    await page.getByText('Dagen har redan fakturerad').waitFor();
    await expect.poll(() => cell.inputValue()).toBe('1:30');
    expect(await page.getByTestId('week-total').textContent()).toBe(total);
    await page.screenshot({ path: path.join(shots, 'week-grid-locked-sv.png'), fullPage: true });
  });

  it('goes from the client on the map to a draft with its unbilled hours in one step', async () => {
    await page.goto(url('/karta'));
    await page.getByRole('button', { name: 'Lista', exact: true }).click();
    await page.getByRole('treeitem', { name: /Åkesson AB/ }).click();
    await page
      .getByRole('complementary', { name: 'Vald nod' })
      .getByRole('button', { name: 'Fakturera ofakturerad tid för Åkesson AB' })
      .click();
    await page.waitForURL(/\/fakturor\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const lines = page.getByTestId('invoice-lines');
    // Service texts: the task, then its project.
    // Hours at two rates on the task make two lines, each with the task's service text.
    await lines.getByText('Design – Webbplats', { exact: true }).first().waitFor();
    await lines.getByText('Webbplats', { exact: true }).waitFor();
  });

  it('edits a line in place: its text and VAT, and the totals follow', async () => {
    const totalBefore = await page.getByTestId('invoice-total').first().textContent();
    await page.getByRole('button', { name: 'Ändra raden Design – Webbplats' }).first().click();
    const form = page.getByRole('form', { name: 'Ändra raden Design – Webbplats' });
    await form.getByText(/Följer timmarna/).waitFor();
    expect(await form.getByLabel('Antal').count()).toBe(0);
    await form.getByLabel('Beskrivning').fill('Designsystem – Ny webbplats 2027');
    await form.getByLabel('Moms').selectOption('12');
    await form.getByRole('button', { name: 'Spara raden' }).click();
    await page.getByTestId('invoice-lines').getByText('Designsystem – Ny webbplats 2027').waitFor();
    await expect.poll(() => page.getByTestId('invoice-total').first().textContent()).not.toBe(totalBefore);
    await page.screenshot({ path: path.join(shots, 'draft-line-edited-sv.png'), fullPage: true });
  });
});
