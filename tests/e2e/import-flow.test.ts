// Import end to end in a real browser: upload generated documents (an outline DOCX, a PDF, a CSV
// and two bad files) → built-in proposal → review (untick, rename, merge, keep the documents) →
// accept → the nodes exist in the database with their layout and the documents in Storage. Then
// the AI proposer against a local server speaking the Messages API: nothing leaves without consent.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxBomb } from '../import/bombs';
import { clientsCsv, encryptedPdf, offerPdf, ORG_NORRSKEN, outlineDocx } from '../import/documents';
import { startTestApp, type TestApp } from '../support/app';
import { confirmSignUpOnPage, launchBrowser } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';
import { repoRoot } from '../support/paths';

const shots = path.join(repoRoot, '.data/screenshots');

describe('import in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: pg.Client;
  let ai: Server;
  let workspaceId: string;
  const aiRequests: string[] = [];
  const files = mkdtempSync(path.join(os.tmpdir(), 'import-e2e-'));
  const file = (name: string) => path.join(files, name);
  const email = `import-${Date.now().toString(36)}@example.test`;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    writeFileSync(file('kunder.docx'), await outlineDocx());
    writeFileSync(file('offert.pdf'), await offerPdf());
    writeFileSync(file('export.csv'), clientsCsv(), 'latin1');
    writeFileSync(file('låst.pdf'), encryptedPdf());
    writeFileSync(file('fel.pdf'), await outlineDocx());
    writeFileSync(file('stor.txt'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
    writeFileSync(file('avtal.md'), '# Avtal\n\nKonsultavtal med Solrosen AB om ett nytt intranät.');

    // A Messages API stand-in: answers with a tool call proposing one client.
    ai = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        aiRequests.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'msg_e2e',
            type: 'message',
            role: 'assistant',
            model: 'test-model',
            stop_reason: 'tool_use',
            stop_sequence: null,
            usage: { input_tokens: 1, output_tokens: 1 },
            content: [
              {
                type: 'tool_use',
                id: 'toolu_e2e',
                name: 'propose_mind_map',
                input: {
                  clients: [
                    { name: 'Solrosen AB', projects: [{ name: 'Intranät', tasks: [{ name: 'Behovsanalys' }] }], sources: ['avtal.md'] },
                  ],
                },
              },
            ],
          }),
        );
      });
    });
    await new Promise<void>((r) => ai.listen(0, '127.0.0.1', r));
    process.env.ANTHROPIC_API_KEY = 'sk-e2e';
    process.env.ANTHROPIC_BASE_URL = `http://127.0.0.1:${(ai.address() as AddressInfo).port}`;
    process.env.ANTHROPIC_MODEL = 'test-model';

    app = await startTestApp();
    admin = new pg.Client(app.standIn.dbUrl);
    await admin.connect();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();

    await page.goto(`${app.appUrl}/signup`);
    await page.getByLabel('Företagsnamn').fill('Importkonsult');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill('importera-allt-1');
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    await confirmSignUpOnPage(page, app.standIn.outbox, email);
    await page.waitForURL((u) => u.pathname === '/valkommen', { timeout: 30_000 });
    workspaceId = (
      await admin.query(`select m.workspace_id from workspace_members m join auth.users u on u.id = m.user_id where u.email = $1`, [email])
    ).rows[0].workspace_id;
    // An existing client on the map, to merge into and to lay the import out beside.
    await admin.query(
      `insert into nodes (workspace_id, kind, title, position_x, position_y) values ($1, 'client', 'Tallkotten AB', 40, 80)`,
      [workspaceId],
    );
  }, 400_000);

  reportFailuresAndCleanUp(
    () => app,
    [
      () => browser?.close(),
      () => admin?.end(),
      () => app?.stop(),
      () => {
        ai?.closeAllConnections();
        return new Promise((r) => ai?.close(r));
      },
    ],
  );

  const nodes = async () =>
    (
      await admin.query(
        `select id, parent_id, kind, title, position_x as x, position_y as y from nodes where workspace_id = $1 order by created_at`,
        [workspaceId],
      )
    ).rows;

  it('uploads with progress, refuses bad files with a reason, proposes, reviews and accepts', async () => {
    await page.goto(`${app.appUrl}/import`);
    await page.getByRole('heading', { name: 'Importera' }).waitFor();
    await page
      .locator('input[type=file]')
      .setInputFiles(['kunder.docx', 'offert.pdf', 'export.csv', 'låst.pdf', 'fel.pdf', 'stor.txt'].map(file));
    const rows = page.getByTestId('upload-row');
    await expect.poll(() => rows.filter({ hasText: 'Inläst' }).count(), { timeout: 30_000 }).toBe(3);
    await page.getByText('Filen är lösenordsskyddad.', { exact: false }).waitFor();
    await page.getByText('Filens innehåll stämmer inte med filändelsen.', { exact: false }).waitFor();
    // Too large: refused in the browser before uploading, and by the server if sent anyway.
    await page.getByText('Filen är större än 10 MB.', { exact: false }).waitFor();
    const huge = await page.request.post(`${app.appUrl}/api/import/extract`, {
      headers: { origin: app.appUrl, 'x-file-name': 'stor.txt', 'content-type': 'application/octet-stream' },
      data: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61),
    });
    expect(huge.status()).toBe(413);
    expect((await huge.json()).error).toBe('Filen är större än 10 MB. Dela upp den eller spara den utan bilder.');
    // Finding 12: a Word file that inflates to 32 MiB is refused before it is unpacked.
    const bomb = await page.request.post(`${app.appUrl}/api/import/extract`, {
      headers: { origin: app.appUrl, 'x-file-name': 'bomb.docx', 'content-type': 'application/octet-stream' },
      data: await docxBomb(),
    });
    expect(bomb.status()).toBe(413);
    expect((await bomb.json()).error).toBe('Filen packas upp till mer än 8 MB och är för stor att läsa. Dela upp den i mindre dokument.');
    expect(await page.getByRole('progressbar', { name: 'Uppladdning av kunder.docx' }).getAttribute('aria-valuenow')).toBe('100');
    await page.screenshot({ path: path.join(shots, 'import-upload-sv.png'), fullPage: true });

    await page.getByRole('button', { name: 'Ta fram förslag' }).click();
    const tree = page.getByTestId('review-tree');
    await tree.waitFor();
    for (const client of ['Norrsken Energi AB', 'Fjällbyrån HB', 'Havsbris Konsult AB', 'Lindqvist Bygg AB', 'Tallkotten AB']) {
      expect(
        await tree
          .getByRole('textbox', { name: 'Kund: Namn' })
          .evaluateAll((els, c) => els.some((e) => (e as HTMLInputElement).value === c), client),
      ).toBe(true);
    }
    expect(await page.getByText(`Org.nr ${ORG_NORRSKEN}`, { exact: false }).isVisible()).toBe(true);
    // Tallkotten AB exists already: merging is offered and ticked.
    expect(await page.getByRole('checkbox', { name: /Lägg till i befintlig kund/ }).isChecked()).toBe(true);

    await page.getByRole('checkbox', { name: 'Ta med Bygglov' }).uncheck();
    await page.getByRole('checkbox', { name: 'Ta med Havsbris Konsult AB' }).uncheck();
    expect(await page.getByRole('checkbox', { name: 'Ta med Kursmaterial' }).isChecked()).toBe(false);
    await tree.getByRole('textbox', { name: 'Projekt: Namn' }).and(page.locator('[value="Support"]')).fill('Löpande support');
    await page.getByRole('checkbox', { name: 'Spara de uppladdade dokumenten på kunderna' }).check();
    await page.screenshot({ path: path.join(shots, 'import-review-sv.png'), fullPage: true });

    // Nothing is written before accept.
    expect((await nodes()).map((n) => n.title)).toEqual(['Tallkotten AB']);
    await page.getByRole('button', { name: 'Godkänn och skapa' }).click();
    await page.getByTestId('import-done').waitFor();
    await expect.poll(() => page.getByText(/är sparat på kunden/).count(), { timeout: 30_000 }).toBe(3);
    expect(await page.getByTestId('created-client-name').allTextContents()).toEqual([
      'Norrsken Energi AB',
      'Fjällbyrån HB',
      'Lindqvist Bygg AB',
      'Tallkotten AB',
    ]);
    await expect(
      page.getByTestId('created-client').filter({ hasText: 'Tallkotten AB' }).getByText('tillagd i befintlig kund').isVisible(),
    ).resolves.toBe(true);
    await page.screenshot({ path: path.join(shots, 'import-done-sv.png'), fullPage: true });

    const all = await nodes();
    const titles = all.map((n) => n.title);
    expect(titles).toContain('Löpande support');
    expect(titles).not.toContain('Support');
    expect(titles).not.toContain('Bygglov');
    expect(titles).not.toContain('Havsbris Konsult AB');
    expect(titles.filter((t) => t === 'Tallkotten AB')).toHaveLength(1);
    const norrsken = all.find((n) => n.title === 'Norrsken Energi AB')!;
    expect(all.find((n) => n.title === 'Löpande support')).toMatchObject({ kind: 'project', parent_id: norrsken.id });
    // Laid out right of the existing client, nothing on top of it.
    for (const n of all.filter((x) => x.title !== 'Tallkotten AB')) expect(n.x).toBeGreaterThan(40 + 240);
    const details = await admin.query(`select org_number from client_details where node_id = $1`, [norrsken.id]);
    expect(details.rows).toEqual([{ org_number: ORG_NORRSKEN }]);
    // The kept documents, each under a client it produced.
    const objects = (
      await admin.query(`select name from storage.objects where bucket_id = 'documents' and name like $1 order by name`, [
        `${workspaceId}/%`,
      ])
    ).rows.map((r) => r.name);
    expect(objects).toHaveLength(3);
    expect(objects).toContain(`${workspaceId}/${norrsken.id}/kunder.docx`);
    expect(objects.some((o: string) => o.endsWith('/offert.pdf'))).toBe(true);

    // Another tenant's client (or any unknown id) is "not found", and nothing is stored.
    const other = await admin.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', 'annan@example.test', '', now(),
               '{"provider":"email","providers":["email"]}', '{}', now(), now()) returning id`,
    );
    const foreign = await admin.query(
      `insert into nodes (workspace_id, kind, title) select workspace_id, 'client', 'Främmande AB' from workspace_members where user_id = $1 returning id`,
      [other.rows[0].id],
    );
    const foreignId = foreign.rows[0].id;
    const attachForeign = await page.request.post(`${app.appUrl}/api/import/attach?node=${foreignId}`, {
      headers: { origin: app.appUrl, 'x-file-name': 'avtal.md', 'content-type': 'application/octet-stream' },
      data: Buffer.from('# Avtal'),
    });
    expect(attachForeign.status()).toBe(404);
    expect((await attachForeign.json()).error).toBe('Kunden hittades inte.');
    expect((await admin.query(`select count(*)::int as n from storage.objects where bucket_id = 'documents'`)).rows[0].n).toBe(3);
  });

  it("sends nothing to the AI without consent; with it, shows the model's proposal", async () => {
    await page.goto(`${app.appUrl}/import`);
    await page.locator('input[type=file]').setInputFiles([file('avtal.md')]);
    await expect.poll(() => page.getByTestId('upload-row').filter({ hasText: 'Inläst' }).count(), { timeout: 30_000 }).toBe(1);

    // The server refuses without the confirmation, whatever the page does.
    const refused = await page.request.post(`${app.appUrl}/api/import/propose`, {
      headers: { origin: app.appUrl },
      data: { proposer: 'ai', documents: [{ name: 'avtal.md', format: 'markdown', blocks: [{ type: 'paragraph', text: 'Hemligt' }] }] },
    });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error).toBe('Bekräfta att texten får skickas till Anthropic.');

    await page.getByRole('radio', { name: /AI-förslag \(Anthropic Claude\)/ }).check();
    await page.getByRole('button', { name: 'Ta fram förslag' }).click();
    await page.getByText('Bekräfta att texten får skickas till Anthropic.').waitFor();
    expect(aiRequests).toHaveLength(0);
    await page.screenshot({ path: path.join(shots, 'import-ai-consent-sv.png'), fullPage: true });

    await page.getByRole('checkbox', { name: /skickas till Anthropic för just den här förfrågan/ }).check();
    await page.getByRole('button', { name: 'Ta fram förslag' }).click();
    await page.getByTestId('review-tree').waitFor();
    expect(aiRequests).toHaveLength(1);
    expect(aiRequests[0]).toContain('Konsultavtal med Solrosen AB');
    expect(await page.getByRole('checkbox', { name: 'Ta med Behovsanalys' }).isChecked()).toBe(true);
  });

  it('reads in English and fits a phone', async () => {
    await page.goto(`${app.appUrl}/import`);
    await page.getByRole('button', { name: 'Konto' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Import', exact: true }).waitFor({ timeout: 30_000 });
    await page.locator('input[type=file]').setInputFiles([file('kunder.docx'), file('låst.pdf')]);
    await page.getByText('The file is password-protected.', { exact: false }).waitFor();
    await expect.poll(() => page.getByTestId('upload-row').filter({ hasText: 'Read' }).count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: 'Make a proposal' }).click();
    await page.getByTestId('review-tree').waitFor();
    await page.screenshot({ path: path.join(shots, 'import-review-en.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(shots, 'import-review-en-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(shots, 'import-review-en-mobile.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
