// What is outstanding, wherever it is shown (issue 12, item 3): the owner's invoice list and its
// sums, the dashboard, the accountant's portal list and customer ledger all count payments and
// credit notes; a credit note asks for nothing and is never overdue, even past its due date.
import { beforeAll, expect, it } from 'vitest';
import { customerLedger } from '../../lib/accountant/queries';
import { loadDashboard } from '../../lib/dashboard/queries';
import { pageOfExportInvoices } from '../../lib/exports/invoices';
import { getInvoice, listInvoices } from '../../lib/invoices/queries';
import { today } from '../../lib/time/week';
import { describeEachDatabase } from '../support/db';
import { addAccountant, addDraft, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('outstanding amounts', (db) => {
  let t: Tenant;
  let accountant: string;
  let partly: string;
  let note: string;
  let overdue: string;
  beforeAll(async () => {
    t = await makeTenant(db()); // its sent invoice: 9 500 kr, nothing paid
    accountant = await addAccountant(db(), t.workspaceId);
    ({ partly, note, overdue } = await db().asUser(t.ownerId, async (c) => {
      const a = await addDraft(c, t.workspaceId, t.clientId);
      await c.query('select send_invoice($1)', [a.invoiceId]);
      await c.query(`select record_payment($1, 200000, issue_date, 'bankgiro') from invoices where id = $1`, [a.invoiceId]);
      const b = await addDraft(c, t.workspaceId, t.clientId);
      await c.query('select send_invoice($1)', [b.invoiceId]);
      const n = (await c.query('select create_credit_note($1) as id', [b.invoiceId])).rows[0].id;
      await c.query('select send_invoice($1)', [n]);
      const d = await addDraft(c, t.workspaceId, t.clientId);
      await c.query('select send_invoice($1)', [d.invoiceId]);
      return { partly: a.invoiceId, note: n as string, overdue: d.invoiceId };
    }));
    // Records sent before these rules may be past due: move two due dates back (triggers off, as the operator could).
    const client = await db().admin.connect();
    try {
      await client.query('begin');
      await client.query(`set local session_replication_role = replica`);
      await client.query(`update invoices set issue_date = '2026-01-02', due_date = '2026-02-01' where id = any($1)`, [[note, overdue]]);
      await client.query('commit');
    } finally {
      client.release();
    }
  });

  it('the owner’s list shows each invoice’s outstanding and sums it; a credit note is never overdue', async () => {
    const list = await db().asUser(t.ownerId, (c) => listInvoices(c, {}));
    const by = new Map(list.items.map((i) => [i.id, i]));
    expect(by.get(partly)).toMatchObject({ status: 'partly_paid', outstandingOre: 750000, overdue: false });
    expect(by.get(note)).toMatchObject({ kind: 'credit_note', outstandingOre: null, overdue: false });
    expect(by.get(overdue)).toMatchObject({ status: 'sent', outstandingOre: 950000, overdue: true });
    // 9 500 (fixture) + 7 500 (partly paid) + 0 (credited) + 9 500 (overdue).
    expect(list.totals.outstandingOre).toBe(2_650_000);
    const overdueOnly = await db().asUser(t.ownerId, (c) => listInvoices(c, { status: 'overdue' }));
    expect(overdueOnly.items.map((i) => i.id)).toEqual([overdue]);
    const partlyOnly = await db().asUser(t.ownerId, (c) => listInvoices(c, { status: 'partly_paid' }));
    expect(partlyOnly.items.map((i) => i.id)).toEqual([partly]);
    const detail = await db().asUser(t.ownerId, (c) => getInvoice(c, note));
    expect(detail).toMatchObject({ overdue: false, outstandingOre: null });
  });

  it('the dashboard counts what is left to pay, not invoice totals, and no credit note', async () => {
    const data = await db().asUser(t.ownerId, (c) => loadDashboard(c, t.workspaceId, today()));
    expect(data.outstanding).toEqual({ count: 3, totalOre: 2_650_000 });
    expect(data.overdue).toEqual({ count: 1, totalOre: 950_000 });
  });

  it('the accountant sees the outstanding per invoice and in the customer ledger, and the payments read-only', async () => {
    const page = await db().asUser(accountant, (c) => pageOfExportInvoices(c, {}, 1));
    const by = new Map(page.invoices.map((i) => [i.id, i]));
    expect(by.get(partly)).toMatchObject({ status: 'partly_paid', paidOre: 200000, outstandingOre: 750000 });
    expect(by.get(note)?.outstandingOre).toBeNull();
    const open = await db().asUser(accountant, (c) => pageOfExportInvoices(c, { status: 'open' }, 1));
    expect(open.invoices.map((i) => i.id).sort()).toEqual([t.sentInvoiceId, partly, overdue].sort());
    const ledger = await db().asUser(accountant, (c) => customerLedger(c, {}));
    expect(ledger).toEqual([expect.objectContaining({ openOre: 2_650_000, paidOre: 200000, creditedOre: -950000, overdue: 1 })]);
    const detail = await db().asUser(accountant, (c) => getInvoice(c, partly));
    expect(detail?.payments.map((p) => p.amountOre)).toEqual([200000]);
  });
});
