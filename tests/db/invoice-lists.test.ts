// The owner's invoice list and the accountant's portal list, page by page, as the signed-in
// user: the sums cover every issued invoice the filters select (not only the page shown), no
// invoice is skipped or shown twice across pages, and a page past the end shows the last one.
import { beforeAll, expect, it } from 'vitest';
import { pageOfExportInvoices } from '../../lib/exports/invoices';
import { listInvoices } from '../../lib/invoices/queries';
import { describeEachDatabase } from '../support/db';
import { addDraft, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('invoice lists page by page', (db) => {
  let t: Tenant;
  let issued: { net: number; vat: number; total: number; count: number };

  beforeAll(async () => {
    t = await makeTenant(db()); // one draft and one sent invoice already
    await db().asUser(t.ownerId, async (c) => {
      for (let i = 0; i < 6; i++) {
        const { invoiceId } = await addDraft(c, t.workspaceId, t.clientId, { vatRate: i % 2 ? 12 : 25 });
        await c.query('select send_invoice($1)', [invoiceId]);
      }
      await addDraft(c, t.workspaceId, t.clientId);
    });
    const { rows } = await db().admin.query(
      `select sum(net_ore)::float8 as net, sum(vat_ore)::float8 as vat, sum(total_ore)::float8 as total, count(*)::int as count
         from invoices where workspace_id = $1 and status <> 'draft'`,
      [t.workspaceId],
    );
    issued = rows[0];
  });

  it('pages the owner’s list with drafts first, and sums every issued invoice of the selection', async () => {
    const pages = await db().asUser(t.ownerId, async (c) => [
      await listInvoices(c, {}, 1, 3),
      await listInvoices(c, {}, 2, 3),
      await listInvoices(c, {}, 3, 3),
    ]);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 3]);
    expect(pages[0]).toMatchObject({ page: 1, pages: 3, count: 9 });
    expect(pages[0].items.slice(0, 2).map((i) => i.status)).toEqual(['draft', 'draft']);
    const ids = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(9);
    for (const p of pages) {
      expect(p.totals).toEqual({
        issued: issued.count,
        netOre: issued.net,
        vatOre: issued.vat,
        totalOre: issued.total,
        outstandingOre: issued.total,
      });
    }
    const numbers = pages
      .flatMap((p) => p.items)
      .filter((i) => i.number)
      .map((i) => Number(i.number));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it('shows the last page for a page past the end, and page 1 for nonsense', async () => {
    const [past, nonsense] = await db().asUser(t.ownerId, async (c) => [
      await listInvoices(c, {}, 99, 4),
      await listInvoices(c, {}, Number('abc'), 4),
    ]);
    expect(past).toMatchObject({ page: 3, pages: 3 });
    expect(past.items).toHaveLength(1);
    expect(nonsense.page).toBe(1);
  });

  it('pages the portal list newest first, issued invoices only, with the total count', async () => {
    const pages = await db().asUser(t.ownerId, async (c) => [
      await pageOfExportInvoices(c, {}, 1, 4),
      await pageOfExportInvoices(c, {}, 2, 4),
    ]);
    expect(pages.map((p) => [p.page, p.pages, p.total, p.invoices.length])).toEqual([
      [1, 2, 7, 4],
      [2, 2, 7, 3],
    ]);
    const numbers = pages.flatMap((p) => p.invoices.map((i) => i.number));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(new Set(numbers).size).toBe(7);
  });
});
