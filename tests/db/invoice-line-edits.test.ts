// Issue 17, invoice drafts: a line edited in place (lib/invoices/lines.ts) changes the draft's
// totals as the database computes them; a sent invoice's line, a line of hours' quantity and price,
// someone else's line never change. Billed hours read as a service text; unbilled hours per client.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { ActionError } from '@/lib/actions/action';
import { updateLine, type LineEdit } from '@/lib/invoices/lines';
import { listUnbilledByClient } from '@/lib/invoices/queries';
import { mapError } from '@/lib/request/refusals';
import { describeEachDatabase } from '../support/db';
import { addAccountant, attemptAsAdmin, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('invoice line edits', (db) => {
  let t: Tenant;
  let other: Tenant;
  let accountant: string;
  beforeAll(async () => {
    t = await makeTenant(db());
    other = await makeTenant(db());
    accountant = await addAccountant(db(), t.workspaceId);
  });

  const totals = async (invoiceId: string) =>
    (
      await db().admin.query(
        `select net_ore::int as net, vat_ore::int as vat, total_ore::int as total, vat_summary from invoices where id = $1`,
        [invoiceId],
      )
    ).rows[0];
  const line = async (id: string) =>
    (
      await db().admin.query(
        `select description, quantity::text, unit, unit_price_ore::int as price, vat_rate, vat_exemption_reason as reason from invoice_lines where id = $1`,
        [id],
      )
    ).rows[0];
  const edit = (user: string, e: Partial<LineEdit> & Pick<LineEdit, 'invoiceId' | 'lineId'>) =>
    db()
      .asUser(user, (c) =>
        updateLine(c, {
          description: 'Konsulttimmar',
          quantity: null,
          unit: null,
          unitPriceOre: null,
          vatRate: 25,
          exemptionReason: null,
          ...e,
        }),
      )
      .then(
        () => null,
        (error) => error,
      );

  it('edits a free line in place and the totals follow (per VAT rate, rounded as the database rounds)', async () => {
    expect(await totals(t.draftInvoiceId)).toMatchObject({ net: 760_000, vat: 190_000 });
    const error = await edit(t.ownerId, {
      invoiceId: t.draftInvoiceId,
      lineId: t.draftLineId,
      description: 'Utbildningsdag',
      quantity: '2.5',
      unit: 'dag',
      unitPriceOre: 333_333,
      vatRate: 12,
    });
    expect(error).toBeNull();
    expect(await line(t.draftLineId)).toEqual({
      description: 'Utbildningsdag',
      quantity: '2.50',
      unit: 'dag',
      price: 333_333,
      vat_rate: 12,
      reason: null,
    });
    // 2.5 × 3 333,33 kr = 8 333,33 kr (half up); 12 % of it = 1 000,00 kr.
    expect(await totals(t.draftInvoiceId)).toMatchObject({
      net: 833_333,
      vat: 100_000,
      total: 933_333,
      vat_summary: [{ vat_rate: 12, taxable_ore: 833_333, vat_ore: 100_000 }],
    });
  });

  it('asks a domestic 0 % line for its exemption reason, and keeps it when given', async () => {
    const missing = await edit(t.ownerId, { invoiceId: t.draftInvoiceId, lineId: t.draftLineId, vatRate: 0 });
    expect(missing).toBeInstanceOf(ActionError);
    expect(missing).toMatchObject({ key: 'invoices.vat.exemptionRequired', field: 'vatExemptionReason' });
    expect((await line(t.draftLineId)).vat_rate).toBe(12);
    expect(
      await edit(t.ownerId, { invoiceId: t.draftInvoiceId, lineId: t.draftLineId, vatRate: 0, exemptionReason: 'education' }),
    ).toBeNull();
    expect(await line(t.draftLineId)).toMatchObject({ vat_rate: 0, reason: 'education' });
    expect(await totals(t.draftInvoiceId)).toMatchObject({ vat: 0 });
  });

  it("refuses edits of a sent invoice's line for the owner and the table owner", async () => {
    const before = await line(t.sentLineId);
    const sentTotals = await totals(t.sentInvoiceId);
    const error = await edit(t.ownerId, { invoiceId: t.sentInvoiceId, lineId: t.sentLineId, description: 'Ändrad i efterhand' });
    expect(mapError(error)?.key).toBe('db.invoiceImmutable');
    const asOwner = await attemptAsAdmin(db(), `update invoice_lines set description = 'Ändrad' where id = $1`, [t.sentLineId]);
    expect(asOwner.ok).toBe(false);
    expect(await line(t.sentLineId)).toEqual(before);
    expect(await totals(t.sentInvoiceId)).toEqual(sentTotals);
  });

  it('edits the text and VAT of a line of hours, never its quantity or price (they follow the hours)', async () => {
    const { invoiceId, lineId } = await db().asUser(t.ownerId, async (c) => {
      const invoiceId = randomUUID();
      const entryId = randomUUID();
      await c.query(`insert into invoices (id, workspace_id, client_node_id) values ($1, $2, $3)`, [invoiceId, t.workspaceId, t.clientId]);
      await c.query(
        `insert into time_entries (id, workspace_id, node_id, entry_date, minutes, hourly_rate_ore) values ($1, $2, $3, '2026-11-10', 421, 100000)`,
        [entryId, t.workspaceId, t.taskId],
      );
      await c.query(`select bill_time_entries($1, $2)`, [invoiceId, [entryId]]);
      const { rows } = await c.query(`select id from invoice_lines where invoice_id = $1`, [invoiceId]);
      return { invoiceId, lineId: rows[0].id as string };
    });
    // The service text: the task, then its project; 421 min = 7.02 h.
    expect(await line(lineId)).toMatchObject({ description: 'Uppgift – Projekt', quantity: '7.02', price: 100_000 });
    const typedOver = await edit(t.ownerId, { invoiceId, lineId, quantity: '8', unitPriceOre: 100_000 });
    expect(mapError(typedOver)?.key).toBe('db.lineFollowsHours');
    expect(await edit(t.ownerId, { invoiceId, lineId, description: 'Designsystem – Ny webbplats 2027', vatRate: 6 })).toBeNull();
    expect(await line(lineId)).toMatchObject({
      description: 'Designsystem – Ny webbplats 2027',
      quantity: '7.02',
      price: 100_000,
      vat_rate: 6,
    });
    expect(await totals(invoiceId)).toMatchObject({ net: 702_000, vat: 42_120 });
  });

  it("changes nothing of another tenant's or for the accountant", async () => {
    const before = await line(t.draftLineId);
    const foreign = await edit(other.ownerId, { invoiceId: t.draftInvoiceId, lineId: t.draftLineId, description: 'Kapad' });
    expect(foreign).toBeInstanceOf(ActionError);
    const theirs = await edit(accountant, { invoiceId: t.draftInvoiceId, lineId: t.draftLineId, description: 'Kapad' });
    expect(theirs).toBeInstanceOf(ActionError);
    const sent = await edit(accountant, { invoiceId: t.sentInvoiceId, lineId: t.sentLineId, description: 'Kapad' });
    expect(sent).toMatchObject({ key: 'invoices.errors.lineNotFound' });
    expect(await line(t.draftLineId)).toEqual(before);
  });

  it('adds up unbilled hours per client as billing them would, for the owner only', async () => {
    const own = await db().asUser(t.ownerId, (c) => listUnbilledByClient(c));
    // The fixture's 1 h 30 min at 950 kr on the task.
    expect(own).toEqual([{ clientId: t.clientId, name: 'Provkund AB', minutes: 90, amountOre: 142_500 }]);
    expect(await db().asUser(accountant, (c) => listUnbilledByClient(c))).toEqual([]);
    expect((await db().asUser(other.ownerId, (c) => listUnbilledByClient(c))).map((r) => r.clientId)).not.toContain(t.clientId);
  });
});
