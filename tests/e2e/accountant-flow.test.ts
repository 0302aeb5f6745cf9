// The accountant feature end to end in a real browser: the owner invites by email (the link lands
// in the outbox) → the accountant signs up from the link (the address filled in) and accepts, with
// no business of their own and the owner's pages refused → downloads an archived PDF and the
// period's ZIP (bytes equal the archive), the SIE file and the CSV → the owner removes access → the
// client's data is gone and a page says so → they start their own business, and its onboarding
// asks for what the first invoice needs, with the outcome next to the button.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { confirmSignUpOnPage, launchBrowser } from '../support/browser';
import { reportFailuresAndCleanUp } from '../support/e2e-hooks';
import { repoRoot } from '../support/paths';
import {
  archiveHarnessOn,
  fakePdf,
  PASSWORD,
  prepareWorkspace,
  sendWithArchivedPdf,
  type ArchiveHarness,
  type HarnessUser,
} from '../exports/archive-harness';

const shots = path.join(repoRoot, '.data/screenshots');

describe('accountant flow in the browser', () => {
  let app: TestApp;
  let h: ArchiveHarness;
  let browser: Browser;
  let ownerContext: BrowserContext;
  let accountantContext: BrowserContext;
  let ownerPage: Page;
  let page: Page;
  let owner: HarnessUser;
  const accountantEmail = `revisor-${Date.now().toString(36)}@example.test`;
  const archived = new Map<number, Buffer>();
  let inviteLink = '';

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    app = await startTestApp();
    h = archiveHarnessOn(app.standIn);
    owner = await h.signUp(`agare-${Date.now().toString(36)}@example.test`, 'Lindqvist Konsult');
    const ws = await prepareWorkspace(h, owner);
    for (let i = 0; i < 3; i++) {
      const pdf = fakePdf(20_000 + i * 10_000);
      const id = await sendWithArchivedPdf(h, owner, ws.workspaceId, ws.clientId, pdf);
      const { rows } = await h.admin.query(`select number::int as n from invoices where id = $1`, [id]);
      archived.set(rows[0].n, pdf);
    }
    browser = await launchBrowser();
    ownerContext = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 860 } });
    accountantContext = await browser.newContext({ locale: 'sv-SE', viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    ownerPage = await ownerContext.newPage();
    page = await accountantContext.newPage();
  }, 600_000);

  reportFailuresAndCleanUp(
    () => app,
    [() => browser?.close(), () => h?.stop(), () => app?.stop()],
    async () => {
      // What the accountant's page showed when it failed.
      console.error(
        `page ${page.url()}:\n${await page
          .locator('body')
          .innerText()
          .catch(() => '')}`,
      );
      await page.screenshot({ path: path.join(shots, 'accountant-failure.png'), fullPage: true }).catch(() => {});
    },
  );

  const url = (p: string) => `${app.appUrl}${p}`;
  const waitForPath = (p: Page, pathname: string) => p.waitForURL((u) => u.pathname === pathname, { timeout: 30_000 });

  it('the owner invites an accountant by email from the profile', async () => {
    await ownerPage.goto(url('/login'));
    await ownerPage.getByLabel('E-postadress').fill(owner.email);
    await ownerPage.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
    await ownerPage.getByRole('button', { name: 'Logga in' }).click();
    await waitForPath(ownerPage, '/');
    await ownerPage.goto(url('/profil/redovisning'));
    await ownerPage.getByLabel('Redovisningskonsultens e-postadress').fill('inte-en-adress');
    await ownerPage.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await ownerPage.getByText('Ange en giltig e-postadress.').waitFor();
    await ownerPage.getByLabel('Redovisningskonsultens e-postadress').fill(accountantEmail);
    await ownerPage.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await ownerPage.getByText(`Inbjudan är skickad till ${accountantEmail}.`).waitFor();
    await ownerPage.getByTestId('pending-list').getByText(accountantEmail).waitFor();
    await ownerPage.screenshot({ path: path.join(shots, 'accountant-access-sv.png'), fullPage: true });

    const message = app.standIn.outbox.list(accountantEmail).at(-1);
    expect(message?.subject).toBe('Lindqvist Konsult bjuder in dig som redovisningskonsult');
    inviteLink = message!.links[0];
    expect(inviteLink).toMatch(new RegExp(`^${app.appUrl}/invite\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('the accountant signs up from the link, accepts and lands in the portal of the client', async () => {
    await page.goto(inviteLink);
    await page.getByRole('link', { name: 'Skapa konto' }).click();
    await page.getByRole('heading', { name: 'Skapa konto för att acceptera' }).waitFor();
    // The invited address is filled in.
    expect(await page.getByLabel('E-postadress').inputValue()).toBe(accountantEmail);
    await page.getByLabel('Lösenord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Skapa konto' }).click();
    // Auth's link comes back to the invitation (PKCE ?code=, exchanged in this browser).
    await confirmSignUpOnPage(page, app.standIn.outbox, accountantEmail);
    await page.getByRole('button', { name: 'Acceptera inbjudan' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(shots, 'accountant-invite-sv.png'), fullPage: true });
    await page.getByRole('button', { name: 'Acceptera inbjudan' }).click();
    await waitForPath(page, '/portal');
    expect(await page.getByTestId('portal-workspace').textContent()).toContain('Lindqvist Konsult');
    expect(await page.getByTestId('portal-invoices').locator('tbody tr').count()).toBe(3);
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Portal', 'Rapporter']);
    await page.screenshot({ path: path.join(shots, 'accountant-portal-sv.png'), fullPage: true });

    // The link is single-use.
    await page.goto(inviteLink);
    await page.getByText('Inbjudan har redan använts.').waitFor();
    await page.goto(url('/invite?token=forfalskad-token'));
    await page.getByText('Länken är ogiltig.', { exact: false }).waitFor();
  });

  it("has no business of their own, and the owner's pages refuse them", async () => {
    await page.goto(url('/portal'));
    expect(await page.getByTestId('workspace-switcher').count()).toBe(0);
    for (const ownerPath of ['/import', '/fakturor/ny', '/karta', '/tid', '/profil']) {
      await page.goto(url(ownerPath));
      await waitForPath(page, '/ingen-atkomst');
      await page.getByRole('heading', { name: 'Sidan är bara för företagets ägare' }).waitFor();
    }
    await page.screenshot({ path: path.join(shots, 'accountant-owner-only-sv.png'), fullPage: true });
    await page.getByRole('link', { name: 'Till portalen' }).click();
    await waitForPath(page, '/portal');
    expect(await page.getByTestId('portal-invoices').locator('tbody tr').count()).toBe(3);
  });

  it('downloads an archived PDF, the ZIP with progress, the SIE file and the CSV register', async () => {
    const [first] = [...archived.keys()].sort((a, b) => a - b);
    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: `Ladda ner faktura ${first} som PDF` }).click();
    const pdf = await pdfDownload;
    expect(pdf.suggestedFilename()).toBe(`faktura-${first}.pdf`);
    expect(readFileSync((await pdf.path())!).equals(archived.get(first)!)).toBe(true);

    // Saving where the user picks: the picker dialog is the one part a test cannot click, so it
    // hands back a file in the origin's private file system; the page writes the stream into it.
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w.showSaveFilePicker = async ({ suggestedName }: { suggestedName: string }) => {
        w.savedAs = suggestedName;
        return (await navigator.storage.getDirectory()).getFileHandle(suggestedName, { create: true });
      };
    });
    await page.reload();
    await page.getByRole('button', { name: 'Alla PDF:er (ZIP)' }).click();
    await page.getByTestId('zip-done').waitFor();
    expect(await page.getByTestId('zip-done').textContent()).toContain('3 filer');
    const saved = await page.evaluate(async () => {
      const name = (window as unknown as Record<string, string>).savedAs;
      const file = await (await (await navigator.storage.getDirectory()).getFileHandle(name)).getFile();
      let binary = '';
      for (const byte of new Uint8Array(await file.arrayBuffer())) binary += String.fromCharCode(byte);
      return { name, base64: btoa(binary) };
    });
    expect(saved.name).toBe('fakturor-alla.zip');
    const expectArchivedPdfs = async (zipBytes: Buffer) => {
      const zip = await JSZip.loadAsync(zipBytes);
      expect(Object.keys(zip.files).sort()).toEqual([...archived.keys()].map((n) => `faktura-${n}.pdf`).sort());
      for (const [n, bytes] of archived) expect((await zip.file(`faktura-${n}.pdf`)!.async('nodebuffer')).equals(bytes)).toBe(true);
    };
    await expectArchivedPdfs(Buffer.from(saved.base64, 'base64'));

    // A browser without the picker downloads the same ZIP itself.
    await page.evaluate(() => {
      (window as unknown as Record<string, unknown>).showSaveFilePicker = undefined;
    });
    const zipDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Alla PDF:er (ZIP)' }).click();
    const zipFile = await zipDownload;
    await page.getByTestId('zip-browser').waitFor();
    expect(zipFile.suggestedFilename()).toBe('fakturor-alla.zip');
    await expectArchivedPdfs(readFileSync((await zipFile.path())!));
    await page.screenshot({ path: path.join(shots, 'accountant-portal-zip-sv.png'), fullPage: true });

    const sie = await page.request.get(url('/api/exports/sie'));
    expect(sie.status()).toBe(200);
    expect(sie.headers()['content-disposition']).toMatch(/filename="sie-\d{4}-01-01_\d{4}-12-31\.si"/);
    const sieText = iconv.decode(await sie.body(), 'cp437');
    expect(sieText).toContain('#SIETYP 4');
    expect(sieText).toMatch(/^#RAR 0 \d{4}0101 \d{4}1231\r$/m);
    expect(sieText.match(/^#VER /gm)).toHaveLength(3);
    // A filtered bookkeeping file would be partial: refused, in the user's language.
    const filtered = await page.request.get(url('/api/exports/sie?status=paid'));
    expect(filtered.status()).toBe(400);
    expect((await filtered.json()).error).toContain('kan inte filtreras');

    // The reports: the VAT return of this quarter holds the three invoices, and downloads.
    const quarter = `${new Date().getFullYear()}-Q${Math.ceil((new Date().getMonth() + 1) / 3)}`;
    await page.goto(url(`/rapporter?moms=${quarter}`));
    await page.getByRole('heading', { name: 'Momsdeklaration' }).waitFor();
    expect(await page.getByTestId('vat-box-10').textContent()).not.toBe('0,00 kr');
    await page.screenshot({ path: path.join(shots, 'accountant-reports-sv.png'), fullPage: true });
    const vatCsv = await page.request.get(url(`/api/exports/momsdeklaration.csv?period=${quarter}`));
    expect(vatCsv.status()).toBe(200);
    expect((await vatCsv.text()).split('\r\n')[1]).toMatch(/^05;\d+;/);
    const csv = await page.request.get(url('/api/exports/register.csv?status=sent'));
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].split(';').slice(0, 3)).toEqual(['Nummer', 'Typ', 'Status']);
    expect(lines).toHaveLength(4);
    expect((await page.request.get(url('/api/exports/sie?from=2026-13-01'))).status()).toBe(400);

    // Every download is in the audit log.
    const { rows } = await h.admin.query(
      `select new_values ->> 'kind' as kind from audit_log where table_name = 'export_downloads' and actor_id = (select id from auth.users where email = $1) order by seq`,
      [accountantEmail],
    );
    expect(rows.map((r) => r.kind)).toEqual(['invoice_pdf', 'zip', 'zip', 'sie', 'vat_return', 'csv']);
  });

  it('shows the portal in English', async () => {
    await page.goto(url('/portal'));
    await page.getByRole('button', { name: 'Konto' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Customer ledger' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(shots, 'accountant-portal-en.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(shots, 'accountant-portal-en-mobile.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitemradio', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: 'Kundreskontra' }).waitFor({ timeout: 30_000 });
  });

  it('the owner removes access and it is gone at once', async () => {
    const [first] = [...archived.keys()];
    const invoiceId = (
      await h.admin.query(
        `select id from invoices where number = $1 and workspace_id = (select workspace_id from workspace_members where user_id = $2)`,
        [first, owner.id],
      )
    ).rows[0].id;
    expect((await page.request.get(url(`/api/exports/invoices/${invoiceId}/pdf`))).status()).toBe(200);

    await ownerPage.goto(url('/profil/redovisning'));
    await ownerPage.getByTestId('access-list').getByText(accountantEmail).waitFor();
    await ownerPage.getByRole('button', { name: `Ta bort åtkomst för ${accountantEmail}` }).click();
    await ownerPage.getByTestId('access-list').getByText(accountantEmail).waitFor({ state: 'detached' });

    // No membership left: the member-only routes refuse before they look for anything.
    expect((await page.request.get(url(`/api/exports/invoices/${invoiceId}/pdf`))).status()).toBe(403);
    expect((await page.request.get(url('/api/exports/invoices.zip'))).status()).toBe(403);
    // A page that says so, not an empty business of their own with the owner's menu.
    for (const where of ['/portal', '/']) {
      await page.goto(url(where));
      await waitForPath(page, '/ingen-atkomst');
    }
    await page.getByRole('heading', { name: 'Du har ingen åtkomst till något företag just nu' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link').count()).toBe(0);
    expect(await page.getByText('Namnlöst företag').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'accountant-no-access-sv.png'), fullPage: true });
  });

  it('starts a business of their own; onboarding asks for what the first invoice needs, the outcome next to the button', async () => {
    await page.getByRole('button', { name: 'Starta eget företag' }).click();
    await waitForPath(page, '/valkommen');
    await page.getByLabel('Företagsnamn').fill('Revisorns Konsult');
    await page.getByLabel('Postnummer').fill('ABCDE');
    await page.getByLabel('Telefon (valfritt)').fill('abc');
    await page.getByRole('button', { name: 'Spara och börja' }).click();
    await page.getByText('Ange ett svenskt postnummer med fem siffror, till exempel 111 22.').waitFor();
    await page.getByText('Ange ett telefonnummer med siffror, till exempel 070-123 45 67 eller +46 8 123 456 78.').waitFor();
    await page.getByText('Svara ja eller nej: fakturan ska säga om du är godkänd för F-skatt.').waitFor();
    expect(await page.getByText('Behövs på din första faktura.').count()).toBeGreaterThanOrEqual(4);
    // The form's outcome sits right after the button that was pressed, not at the top of the page.
    const after = await page.evaluate(() => document.querySelector('#profile-save')?.nextElementSibling?.textContent ?? '');
    expect(after).toBe('Kontrollera fälten nedan.');
    expect(await page.getByLabel('Postnummer').inputValue()).toBe('ABCDE');
    await page.screenshot({ path: path.join(shots, 'onboarding-needed-sv.png'), fullPage: true });

    await page.getByLabel('Organisationsnummer').fill('5566778899');
    await page.getByLabel('Momsregistreringsnummer').fill('556677-8899');
    await page.getByLabel('Ja, godkänd för F-skatt').check();
    await page.getByLabel('Gatuadress').fill('Storgatan 1');
    await page.getByLabel('Postnummer').fill('11122');
    await page.getByLabel('Ort').fill('Stockholm');
    await page.getByLabel('Telefon (valfritt)').fill('070-123 45 67');
    await page.getByLabel('Bankgiro').fill('5050-1055');
    await page.getByRole('button', { name: 'Spara och börja' }).click();
    await waitForPath(page, '/');
    const { rows } = await h.admin.query(
      `select p.postal_code, p.phone, p.f_skatt from business_profiles p join workspace_members m on m.workspace_id = p.workspace_id
         join auth.users u on u.id = m.user_id where u.email = $1 and m.role = 'owner'`,
      [accountantEmail],
    );
    expect(rows).toEqual([{ postal_code: '111 22', phone: '070-123 45 67', f_skatt: true }]);
  });
});
