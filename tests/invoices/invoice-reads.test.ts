// Reading invoices writes nothing but the download log (issue 15): the owner's and the
// accountant's PDF routes are one download (lib/invoices/download.ts) that refuses a tampered
// archive with a clear message and logs every download; an invoice whose send was interrupted
// before its archive is shown as "arkiveras" and left to the archive job; the invoice list and
// page render without a single write. Route handlers and pages are called directly with Next's
// request scope simulated, against a real stand-in.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as exportPdf } from '@/app/api/exports/invoices/[id]/pdf/route';
import { GET as ownerPdf } from '@/app/api/invoices/[id]/pdf/route';
import InvoicePage from '@/app/(app)/fakturor/[id]/page';
import InvoicesPage from '@/app/(app)/fakturor/page';
import { addDraft } from '../db/fixtures';
import { fakePdf, sendWithArchivedPdf } from '../exports/archive-harness';
import { fingerprint, startAppWorld, storedFiles, type AppWorld } from '../support/app-world';
import { asRequest, type SimulatedBrowser } from '../support/next-request';

vi.mock('next/headers', () => import('../support/next-request'));
vi.mock('next/cache', () => import('../support/next-request'));

const ROUTES = { owner: ownerPdf, export: exportPdf };

let world: AppWorld;
let browsers: Record<'owner' | 'accountant', SimulatedBrowser>;
let tamperedId: string;
let unarchivedId: string;

beforeAll(async () => {
  world = await startAppWorld();
  // The accountant acts in the owner's workspace (the choice the switcher saves in their token).
  await world.h.admin.query(
    `update auth.users set raw_user_meta_data = raw_user_meta_data || jsonb_build_object('active_workspace_id', $2::text) where id = $1`,
    [world.accountant.id, world.ids.workspaceId],
  );
  browsers = { owner: await world.signedIn(world.owner), accountant: await world.signedIn(world.accountant) };
  // Archived bytes that do not hash to what was recorded at send.
  tamperedId = await sendWithArchivedPdf(world.h, world.owner, world.ids.workspaceId, world.ids.clientId, fakePdf(), 'f'.repeat(64));
  // Sent, but the send stopped before its archive step.
  unarchivedId = await world.h.asUser(world.owner.id, async (c) => {
    const { invoiceId } = await addDraft(c, world.ids.workspaceId, world.ids.clientId);
    await c.query(`select send_invoice($1)`, [invoiceId]);
    return invoiceId;
  });
}, 240_000);

afterAll(async () => {
  await world?.stop();
});

async function get(route: keyof typeof ROUTES, who: keyof typeof browsers, id: string) {
  const browser = browsers[who];
  const request = browser.request(route === 'owner' ? `/api/invoices/${id}/pdf` : `/api/exports/invoices/${id}/pdf`);
  return asRequest(browser, () => ROUTES[route](request, { params: Promise.resolve({ id }) }), request.headers);
}

const downloads = async (userId: string, invoiceId: string) =>
  (
    await world.h.admin.query(`select kind, details from export_downloads where user_id = $1 and details ->> 'invoice_id' = $2`, [
      userId,
      invoiceId,
    ])
  ).rows;

describe('one PDF download for owner and accountant', () => {
  for (const route of Object.keys(ROUTES) as (keyof typeof ROUTES)[]) {
    for (const who of ['owner', 'accountant'] as const) {
      it(`${route} route, ${who}: serves the archived original and logs the download`, async () => {
        const user = who === 'owner' ? world.owner : world.accountant;
        const before = (await downloads(user.id, world.ids.sentInvoiceId)).length;
        const res = await get(route, who, world.ids.sentInvoiceId);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/pdf');
        expect(
          Buffer.from(await res.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
        const logged = await downloads(user.id, world.ids.sentInvoiceId);
        expect(logged).toHaveLength(before + 1);
        expect(logged.at(-1)).toMatchObject({ kind: 'invoice_pdf' });
      });

      it(`${route} route, ${who}: refuses a tampered archive with a clear message, records the mismatch, logs no download`, async () => {
        const user = who === 'owner' ? world.owner : world.accountant;
        const mismatches = async () =>
          (
            await world.h.admin.query(`select count(*)::int as n from invoice_events where invoice_id = $1 and event = 'pdf_mismatch'`, [
              tamperedId,
            ])
          ).rows[0].n as number;
        const before = await mismatches();
        const res = await get(route, who, tamperedId);
        expect(res.status).toBe(409);
        expect(await res.text()).toBe('Den arkiverade PDF:en stämmer inte med sin kontrollsumma och lämnas inte ut. Händelsen är loggad.');
        expect(await mismatches()).toBe(before + 1);
        expect(await downloads(user.id, tamperedId)).toEqual([]);
      });
    }
  }

  it('an unarchived sent invoice is "being archived": nothing rendered, uploaded or recorded during the GET', async () => {
    const before = await fingerprint(world.h, ['public', 'storage', 'private']);
    const files = storedFiles(world.h.standIn.dataDir);
    for (const route of Object.keys(ROUTES) as (keyof typeof ROUTES)[]) {
      const res = await get(route, 'owner', unarchivedId);
      expect(res.status).toBe(503);
      expect(await res.text()).toBe('PDF:en arkiveras. Ladda om sidan om en stund.');
    }
    expect(await fingerprint(world.h, ['public', 'storage', 'private'])).toEqual(before);
    expect(storedFiles(world.h.standIn.dataDir)).toEqual(files);
  });

  it('a malformed or unknown id is 404, never a 500', async () => {
    for (const route of Object.keys(ROUTES) as (keyof typeof ROUTES)[]) {
      expect((await get(route, 'owner', 'inte-ett-id')).status).toBe(404);
      expect((await get(route, 'accountant', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    }
  });
});

describe('pages only read', () => {
  it('the invoice list and the invoice page of an unarchived invoice render without a write', async () => {
    const before = await fingerprint(world.h, ['public', 'storage', 'private']);
    const files = storedFiles(world.h.standIn.dataDir);
    for (const who of ['owner', 'accountant'] as const) {
      await asRequest(browsers[who], () => InvoicesPage({ searchParams: Promise.resolve({}) }));
      await asRequest(browsers[who], () => InvoicePage({ params: Promise.resolve({ id: unarchivedId }) }));
    }
    expect(await fingerprint(world.h, ['public', 'storage', 'private'])).toEqual(before);
    expect(storedFiles(world.h.standIn.dataDir)).toEqual(files);
    expect((await world.h.admin.query(`select pdf_path from invoices where id = $1`, [unarchivedId])).rows[0].pdf_path).toBeNull();
  });
});
