// The dashboard's money (issue 17, item 10): invoiced excl. VAT, VAT, paid and outstanding for the
// month, quarter and year, and per month for the chart; credit notes subtract, drafts and other
// tenants count for nothing. Run as the owner under RLS, in the dashboard's one statement.
import { beforeAll, expect, it } from 'vitest';
import { loadDashboard, periodStarts } from '../../lib/dashboard/queries';
import { describeEachDatabase } from '../support/db';
import { addDraft, makeTenant, type Tenant } from './fixtures';

// "Today" for the dashboard: a day in the third quarter, so month, quarter and year differ.
const TODAY = '2026-08-20';

it('finds the starts of the month, quarter, year and the chart’s 12 months', () => {
  expect(periodStarts(TODAY)).toEqual({ month: '2026-08-01', quarter: '2026-07-01', year: '2026-01-01', since: '2025-09-01' });
  expect(periodStarts('2026-12-31')).toEqual({ month: '2026-12-01', quarter: '2026-10-01', year: '2026-01-01', since: '2026-01-01' });
  expect(periodStarts('2027-01-01')).toEqual({ month: '2027-01-01', quarter: '2027-01-01', year: '2027-01-01', since: '2026-02-01' });
});

describeEachDatabase('the dashboard’s invoiced, paid and outstanding amounts', (db) => {
  let t: Tenant;
  let other: Tenant;
  beforeAll(async () => {
    // Every invoice: 8 h at 950 kr = 7 600 kr + 1 900 kr VAT = 9 500 kr.
    t = await makeTenant(db()); // its sent invoice is A, issued this month; its draft counts for nothing
    other = await makeTenant(db());
    const ids = await db().asUser(t.ownerId, async (c) => {
      const send = async () => {
        const d = await addDraft(c, t.workspaceId, t.clientId);
        await c.query('select send_invoice($1)', [d.invoiceId]);
        return d.invoiceId;
      };
      const [b, cInv, d] = [await send(), await send(), await send()];
      const credit = (await c.query<{ id: string }>('select create_credit_note($1) as id', [b])).rows[0].id;
      await c.query('select send_invoice($1)', [credit]);
      const pay = async (id: string, ore: number) =>
        (
          await c.query<{ id: string }>(`select (record_payment($1, $2, issue_date, 'bankgiro')).id as id from invoices where id = $1`, [
            id,
            ore,
          ])
        ).rows[0].id;
      return { b, c: cInv, d, credit, payA: await pay(t.sentInvoiceId, 200000), payC: await pay(cInv, 950000) };
    });
    // Date the records as if made over the past year (triggers off, as the operator could).
    const client = await db().admin.connect();
    try {
      await client.query('begin');
      await client.query(`set local session_replication_role = replica`);
      const date = async (table: string, column: string, id: string, day: string) =>
        client.query(`update ${table} set ${column} = $2 where id = $1`, [id, day]);
      await date('invoices', 'issue_date', t.sentInvoiceId, '2026-08-05'); // A: this month
      await date('invoices', 'issue_date', ids.b, '2026-07-10'); // B: this quarter, credited in full
      await date('invoices', 'issue_date', ids.credit, '2026-07-15');
      await date('invoices', 'issue_date', ids.c, '2026-02-10'); // C: this year, paid in the quarter
      await date('invoices', 'issue_date', ids.d, '2025-12-30'); // D: last year, still open
      await date('invoice_payments', 'paid_on', ids.payA, '2026-08-06');
      await date('invoice_payments', 'paid_on', ids.payC, '2026-07-20');
      await client.query('commit');
    } finally {
      client.release();
    }
  });

  it('adds up each period: credit notes subtract, payments count when they arrive, open invoices what is left', async () => {
    const { money } = await db().asUser(t.ownerId, (c) => loadDashboard(c, t.workspaceId, TODAY));
    expect(money.periods).toEqual({
      // A; 2 000 kr of it paid.
      month: { invoicedOre: 760000, vatOre: 190000, paidOre: 200000, outstandingOre: 750000 },
      // A, B and B's credit note; C's payment arrived in July.
      quarter: { invoicedOre: 760000, vatOre: 190000, paidOre: 1150000, outstandingOre: 750000 },
      // A, B, its credit note and C (paid); D was issued last year.
      year: { invoicedOre: 1520000, vatOre: 380000, paidOre: 1150000, outstandingOre: 750000 },
    });
  });

  it('gives the chart the last 12 months, oldest first, each with what was invoiced and paid in it', async () => {
    const { money } = await db().asUser(t.ownerId, (c) => loadDashboard(c, t.workspaceId, TODAY));
    expect(money.months.map((m) => m.month)).toEqual([
      '2025-09-01',
      '2025-10-01',
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
      '2026-08-01',
    ]);
    const by = new Map(money.months.map((m) => [m.month, m]));
    expect(by.get('2025-12-01')).toEqual({ month: '2025-12-01', invoicedOre: 760000, vatOre: 190000, paidOre: 0 });
    expect(by.get('2026-02-01')).toEqual({ month: '2026-02-01', invoicedOre: 760000, vatOre: 190000, paidOre: 0 });
    expect(by.get('2026-07-01')).toEqual({ month: '2026-07-01', invoicedOre: 0, vatOre: 0, paidOre: 950000 });
    expect(by.get('2026-08-01')).toEqual({ month: '2026-08-01', invoicedOre: 760000, vatOre: 190000, paidOre: 200000 });
    expect(money.months.reduce((sum, m) => sum + m.invoicedOre, 0)).toBe(2280000);
  });

  it('shows another tenant who names the workspace nothing but zeros', async () => {
    const { money } = await db().asUser(other.ownerId, (c) => loadDashboard(c, t.workspaceId, TODAY));
    for (const period of Object.values(money.periods)) expect(period).toEqual({ invoicedOre: 0, vatOre: 0, paidOre: 0, outstandingOre: 0 });
    expect(money.months.every((m) => m.invoicedOre === 0 && m.paidOre === 0)).toBe(true);
  });
});
