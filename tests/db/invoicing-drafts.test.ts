// Drafting invoices from hours (bill_time_entries) and the live-preview totals held against the
// database's own rounding (private.recompute_invoice_totals) on any set of lines.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { messageKeyFor } from '../../lib/db/constraint-messages';
import { computeTotals, VAT_RATES } from '../../lib/invoices/totals';
import { describeEachDatabase } from '../support/db';
import { addClient, attempt, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('invoice drafts from hours', (db) => {
  let t: Tenant;
  let otherClient: string;
  beforeAll(async () => {
    t = await makeTenant(db());
    otherClient = await db().asUser(t.ownerId, (c) => addClient(c, t.workspaceId));
  });

  async function entries(specs: { node: string; minutes: number; rate: number; date: string; text?: string; billable?: boolean }[]) {
    return db().asUser(t.ownerId, async (c) => {
      const ids: string[] = [];
      for (const s of specs) {
        const id = randomUUID();
        await c.query(
          `insert into time_entries (id, workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description, billable)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [id, t.workspaceId, s.node, s.date, s.minutes, s.rate, s.text ?? '', s.billable ?? true],
        );
        ids.push(id);
      }
      return ids;
    });
  }
  const draft = (clientId = t.clientId) =>
    db().asUser(t.ownerId, async (c) => {
      const id = randomUUID();
      await c.query(`insert into invoices (id, workspace_id, client_node_id) values ($1, $2, $3)`, [id, t.workspaceId, clientId]);
      return id;
    });
  const lines = async (invoiceId: string) =>
    (
      await db().admin.query(
        `select description, quantity::text, unit, unit_price_ore::int as price, vat_rate, amount_ore::int as amount
                             from invoice_lines where invoice_id = $1 order by position`,
        [invoiceId],
      )
    ).rows;

  it('groups chosen hours per task and rate into lines, bills them and sets the supply period', async () => {
    const ids = await entries([
      { node: t.taskId, minutes: 90, rate: 95_000, date: '2026-10-02' },
      { node: t.taskId, minutes: 30, rate: 95_000, date: '2026-10-20' },
      { node: t.taskId, minutes: 60, rate: 120_000, date: '2026-10-05' },
      { node: t.projectId, minutes: 20, rate: 95_000, date: '2026-10-07' },
    ]);
    const invoiceId = await draft();
    const added = await db().asUser(
      t.ownerId,
      async (c) => (await c.query(`select bill_time_entries($1, $2) as n`, [invoiceId, ids])).rows[0].n,
    );
    expect(added).toBe(3);
    expect(await lines(invoiceId)).toEqual([
      { description: 'Projekt', quantity: '0.33', unit: 'h', price: 95_000, vat_rate: 25, amount: 31_350 },
      { description: 'Uppgift – Projekt', quantity: '2.00', unit: 'h', price: 95_000, vat_rate: 25, amount: 190_000 },
      { description: 'Uppgift – Projekt', quantity: '1.00', unit: 'h', price: 120_000, vat_rate: 25, amount: 120_000 },
    ]);
    const inv = (
      await db().admin.query(`select period_start::text, period_end::text, net_ore::int from invoices where id = $1`, [invoiceId])
    ).rows[0];
    expect(inv).toEqual({ period_start: '2026-10-02', period_end: '2026-10-20', net_ore: 341_350 });
    const billed = await db().admin.query(
      `select count(*)::int as n from time_entries where id = any($1) and invoice_line_id is not null`,
      [ids],
    );
    expect(billed.rows[0].n).toBe(4);

    // Deleting a draft line unbills its hours.
    await db().asUser(t.ownerId, (c) =>
      c.query(`delete from invoice_lines where invoice_id = $1 and unit_price_ore = 120000`, [invoiceId]),
    );
    const unbilled = await db().admin.query(`select count(*)::int as n from time_entries where id = any($1) and invoice_line_id is null`, [
      ids,
    ]);
    expect(unbilled.rows[0].n).toBe(1);
  });

  it('one line per entry on request, with date and description', async () => {
    const ids = await entries([
      { node: t.taskId, minutes: 45, rate: 100_000, date: '2026-11-03', text: 'Workshop' },
      { node: t.taskId, minutes: 15, rate: 100_000, date: '2026-11-04' },
    ]);
    const invoiceId = await draft();
    await db().asUser(t.ownerId, (c) => c.query(`select bill_time_entries($1, $2, true)`, [invoiceId, ids]));
    expect((await lines(invoiceId)).map((l) => [l.description, l.quantity])).toEqual([
      ['Uppgift – Projekt, 2026-11-03: Workshop', '0.75'],
      ['Uppgift – Projekt, 2026-11-04', '0.25'],
    ]);
  });

  it('refuses billed, unbillable, other-client and foreign hours, and writes nothing', async () => {
    const [free, unbillable] = await entries([
      { node: t.taskId, minutes: 60, rate: 1, date: '2026-11-05' },
      { node: t.taskId, minutes: 60, rate: 1, date: '2026-11-05', billable: false },
    ]);
    const otherInvoice = await draft(otherClient);
    const mine = await draft();
    const stranger = await makeTenant(db());
    for (const [invoiceId, list] of [
      [mine, [free, t.billedEntryId]],
      [mine, [free, unbillable]],
      [otherInvoice, [free]],
      [mine, [free, stranger.unbilledEntryId]],
    ] as const) {
      const r = await attempt(db(), { user: t.ownerId }, `select bill_time_entries($1, $2)`, [invoiceId, list]);
      expect(r.message).toBe('time_entry_not_billable');
      expect(messageKeyFor(r)).toBe('db.timeEntryNotBillable');
    }
    // Another tenant cannot bill onto this draft, nor onto a sent invoice.
    const foreign = await attempt(db(), { user: stranger.ownerId }, `select bill_time_entries($1, $2)`, [mine, [stranger.unbilledEntryId]]);
    expect(foreign.message).toBe('invoice_not_found');
    const sent = await attempt(db(), { user: t.ownerId }, `select bill_time_entries($1, $2)`, [t.sentInvoiceId, [free]]);
    expect(sent.message).toBe('invoice_not_draft');
    expect(await lines(mine)).toEqual([]);
  });

  it('the preview totals equal the database totals for any set of lines', async () => {
    const invoiceId = await draft();
    const client = await db().admin.connect();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              hundredths: fc.integer({ min: 1, max: 100_000 }),
              unitPriceOre: fc.integer({ min: 0, max: 10_000_000 }),
              vatRate: fc.constantFrom(...VAT_RATES),
            }),
            { minLength: 1, maxLength: 12 },
          ),
          async (specs) => {
            const lines = specs.map((s) => ({
              quantity: (s.hundredths / 100).toFixed(2),
              unitPriceOre: s.unitPriceOre,
              vatRate: s.vatRate,
            }));
            await client.query('begin');
            try {
              for (const l of lines) {
                await client.query(
                  `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, vat_rate) values ($1, $2, 'x', $3, $4, $5)`,
                  [t.workspaceId, invoiceId, l.quantity, l.unitPriceOre, l.vatRate],
                );
              }
              const row = (await client.query(`select vat_summary, net_ore, vat_ore, total_ore from invoices where id = $1`, [invoiceId]))
                .rows[0];
              const expected = computeTotals(lines);
              expect(row.vat_summary).toEqual(
                expected.vatSummary.map((r) => ({ vat_rate: r.vatRate, taxable_ore: r.taxableOre, vat_ore: r.vatOre })),
              );
              expect([row.net_ore, row.vat_ore, row.total_ore].map(Number)).toEqual([expected.netOre, expected.vatOre, expected.totalOre]);
            } finally {
              await client.query('rollback');
            }
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      client.release();
    }
  });
});
