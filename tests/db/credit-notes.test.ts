// Credit notes never credit more than remains of the original (issue 12, item 4): per line and in
// total, while a draft is edited and when it is sent, concurrent sends included (PostgreSQL 15);
// and after a full credit the hours can be released and billed again.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { messageKeyFor } from '../../lib/db/constraint-messages';
import { describeEachDatabase, type TestDatabase } from '../support/db';
import { addAccountant, addDraft, attempt, attemptAsAdmin, makeTenant, type Tenant } from './fixtures';

/** A sent invoice with two lines: 8 h × 950 kr and 1 × 500 kr travel, 25 % VAT. */
async function sentTwoLines(db: TestDatabase, t: Tenant) {
  return db.asUser(t.ownerId, async (c) => {
    const d = await addDraft(c, t.workspaceId, t.clientId);
    const travel = randomUUID();
    await c.query(
      `insert into invoice_lines (id, workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore) values ($1, $2, $3, 2, 'Resa', 1, 'st', 50000)`,
      [travel, t.workspaceId, d.invoiceId],
    );
    await c.query('select send_invoice($1)', [d.invoiceId]);
    return { invoiceId: d.invoiceId, hoursLine: d.lineId, travelLine: travel };
  });
}

const creditDraft = (db: TestDatabase, t: Tenant, invoiceId: string, lines: string[] | null = null) =>
  db.asUser(t.ownerId, async (c) => (await c.query('select create_credit_note($1, $2) as id', [invoiceId, lines])).rows[0].id as string);

/** A second credit-note draft written by hand, crediting the given line by quantity. */
async function handDraft(db: TestDatabase, t: Tenant, invoiceId: string, lineId: string, quantity: number, price = 95000) {
  return db.asUser(t.ownerId, async (c) => {
    const id = randomUUID();
    await c.query(
      `insert into invoices (id, workspace_id, kind, credits_invoice_id, client_node_id) values ($1, $2, 'credit_note', $3, $4)`,
      [id, t.workspaceId, invoiceId, t.clientId],
    );
    await c.query(
      `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, credits_line_id) values ($1, $2, 'Kredit', $3, $4, $5)`,
      [t.workspaceId, id, quantity, price, lineId],
    );
    return id;
  });
}

async function credited(db: TestDatabase, invoiceId: string) {
  const { rows } = await db.admin.query(
    `select l.id, l.amount_ore::int as amount, l.quantity::float as quantity,
            coalesce((select -sum(c.amount_ore) from invoice_lines c join invoices n on n.id = c.invoice_id
                       where c.credits_line_id = l.id and n.status <> 'draft'), 0)::int as credited_amount,
            coalesce((select -sum(c.quantity) from invoice_lines c join invoices n on n.id = c.invoice_id
                       where c.credits_line_id = l.id and n.status <> 'draft'), 0)::float as credited_quantity,
            i.total_ore::int as total, i.credited_ore::int as credited_total, i.status
       from invoice_lines l join invoices i on i.id = l.invoice_id where l.invoice_id = $1 order by l.position`,
    [invoiceId],
  );
  return rows;
}

describeEachDatabase('credit notes within the original', (db, target) => {
  let t: Tenant;
  beforeAll(async () => {
    t = await makeTenant(db());
  });

  it('refuses editing a draft credit-note line beyond its original line, for the owner and the table owner', async () => {
    const inv = await sentTwoLines(db(), t);
    const note = await creditDraft(db(), t, inv.invoiceId);
    const owner = await attempt(
      db(),
      { user: t.ownerId },
      `update invoice_lines set quantity = -1000 where invoice_id = $1 and credits_line_id = $2`,
      [note, inv.hoursLine],
    );
    expect(owner.message).toBe('credit_note_exceeds_line');
    expect(messageKeyFor(owner)).toBe('db.creditNoteExceedsLine');
    const price = await attempt(
      db(),
      { user: t.ownerId },
      `update invoice_lines set unit_price_ore = 9500000 where invoice_id = $1 and credits_line_id = $2`,
      [note, inv.hoursLine],
    );
    expect(price.message).toBe('credit_note_exceeds_line');
    const admin = await attemptAsAdmin(db(), `update invoice_lines set quantity = -9 where invoice_id = $1 and credits_line_id = $2`, [
      note,
      inv.hoursLine,
    ]);
    expect(admin.message).toBe('credit_note_exceeds_line');
    // A line without a reference still counts against the whole invoice (the 125 125 kr case).
    const free = await attempt(
      db(),
      { user: t.ownerId },
      `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore) values ($1, $2, 'Extra', -1, 12512500)`,
      [t.workspaceId, note],
    );
    expect(free.message).toBe('credit_note_exceeds_original');
    expect(messageKeyFor(free)).toBe('db.creditNoteExceedsOriginal');
    const elsewhere = await attempt(
      db(),
      { user: t.ownerId },
      `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, credits_line_id) values ($1, $2, 'Fel', -1, 1, $3)`,
      [t.workspaceId, note, t.sentLineId],
    );
    expect(messageKeyFor(elsewhere)).toBe('db.creditNoteLineNotOnInvoice');
  });

  it('at send, counts the credit notes already sent: a second full credit is refused and consumes no number', async () => {
    const inv = await sentTwoLines(db(), t);
    const second = await handDraft(db(), t, inv.invoiceId, inv.hoursLine, -8);
    const first = await creditDraft(db(), t, inv.invoiceId, [inv.hoursLine, inv.travelLine]);
    // The hand draft already holds the hours line, so create_credit_note leaves it out.
    const firstLines = (await db().admin.query('select credits_line_id from invoice_lines where invoice_id = $1', [first])).rows;
    expect(firstLines.map((r) => r.credits_line_id)).toEqual([inv.travelLine]);
    // Within bounds while both are drafts; the second to be sent finds the first sent.
    const third = await handDraft(db(), t, inv.invoiceId, inv.hoursLine, -1);
    await db().asUser(t.ownerId, (c) => c.query('select send_invoice($1)', [second]));
    const before = (await db().admin.query('select next_number from number_series where workspace_id = $1', [t.workspaceId])).rows[0];
    const result = await attempt(db(), { user: t.ownerId }, 'select send_invoice($1)', [third]);
    expect(result.message).toBe('credit_note_exceeds_line');
    expect((await db().admin.query('select next_number from number_series where workspace_id = $1', [t.workspaceId])).rows[0]).toEqual(
      before,
    );
    await db().asUser(t.ownerId, (c) => c.query('select send_invoice($1)', [first]));
    const rows = await credited(db(), inv.invoiceId);
    expect(rows.map((r) => [r.credited_quantity, r.credited_amount])).toEqual([
      [8, 760000],
      [1, 50000],
    ]);
    expect(rows[0]).toMatchObject({ status: 'credited', credited_total: rows[0].total });
    expect((await attempt(db(), { user: t.ownerId }, 'select create_credit_note($1)', [inv.invoiceId])).message).toBe(
      'invoice_not_creditable',
    );
  });

  it('create_credit_note credits what remains of a partly credited line', async () => {
    const inv = await sentTwoLines(db(), t);
    const part = await handDraft(db(), t, inv.invoiceId, inv.hoursLine, -3);
    await db().asUser(t.ownerId, (c) => c.query('select send_invoice($1)', [part]));
    expect((await db().admin.query('select status, credited_ore::int as c from invoices where id = $1', [inv.invoiceId])).rows[0]).toEqual({
      status: 'sent',
      c: 356250,
    });
    const rest = await creditDraft(db(), t, inv.invoiceId, [inv.hoursLine]);
    const lines = (await db().admin.query('select quantity::float as q from invoice_lines where invoice_id = $1', [rest])).rows;
    expect(lines).toEqual([{ q: -5 }]);
  });

  it('after a full credit the hours can be released and billed again; the history shows both invoices', async () => {
    const fresh = await makeTenant(db());
    const released = await attempt(db(), { user: fresh.ownerId }, 'select release_credited_hours($1)', [fresh.sentInvoiceId]);
    expect(released.message).toBe('invoice_not_credited');
    expect(messageKeyFor(released)).toBe('db.invoiceNotCredited');
    await db().asUser(fresh.ownerId, async (c) => {
      const id = (await c.query('select create_credit_note($1) as id', [fresh.sentInvoiceId])).rows[0].id;
      await c.query('select send_invoice($1)', [id]);
    });
    // Credited but not released: still locked.
    const edit = await attempt(db(), { user: fresh.ownerId }, 'update time_entries set minutes = 1 where id = $1', [fresh.billedEntryId]);
    expect(edit.constraint).toBe('time_entries_billed_locked');
    const accountant = await addAccountant(db(), fresh.workspaceId);
    expect((await attempt(db(), { user: accountant }, 'select release_credited_hours($1)', [fresh.sentInvoiceId])).message).toBe(
      'invoice_not_found',
    );

    const count = await db().asUser(
      fresh.ownerId,
      async (c) => (await c.query('select release_credited_hours($1) as n', [fresh.sentInvoiceId])).rows[0].n,
    );
    expect(count).toBe(1);
    const entry = (await db().admin.query('select invoice_line_id, minutes from time_entries where id = $1', [fresh.billedEntryId]))
      .rows[0];
    expect(entry).toEqual({ invoice_line_id: null, minutes: 480 });
    const event = (
      await db().admin.query(`select details from invoice_events where invoice_id = $1 and event = 'hours_released'`, [fresh.sentInvoiceId])
    ).rows;
    expect(event).toEqual([{ details: { time_entry_ids: [fresh.billedEntryId], minutes: 480 } }]);

    const rebilled = await db().asUser(fresh.ownerId, async (c) => {
      const id = randomUUID();
      await c.query('insert into invoices (id, workspace_id, client_node_id) values ($1, $2, $3)', [id, fresh.workspaceId, fresh.clientId]);
      await c.query('select bill_time_entries($1, array[$2]::uuid[])', [id, fresh.billedEntryId]);
      await c.query('select send_invoice($1)', [id]);
      return id;
    });
    const lineOf = (
      await db().admin.query('select l.invoice_id from time_entries e join invoice_lines l on l.id = e.invoice_line_id where e.id = $1', [
        fresh.billedEntryId,
      ])
    ).rows[0];
    expect(lineOf.invoice_id).toBe(rebilled);
    // The credited invoice is as it was sent; its lines still say what they billed.
    expect((await db().admin.query('select status from invoices where id = $1', [fresh.sentInvoiceId])).rows[0].status).toBe('credited');
    const again = await attempt(db(), { user: fresh.ownerId }, 'update time_entries set invoice_line_id = null where id = $1', [
      fresh.billedEntryId,
    ]);
    expect(!again.ok || again.rowCount === 0).toBe(true);
  });

  it('property: whatever credit notes are tried, the credited amounts never exceed the original, per line and in total', async () => {
    const attemptArb = fc.record({
      line: fc.constantFrom('hours' as const, 'travel' as const, 'free' as const),
      quantity: fc.integer({ min: 1, max: 12 }),
      price: fc.constantFrom(95000, 50000, 120000, 1),
      send: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(attemptArb, { minLength: 1, maxLength: 5 }), async (tries) => {
        const inv = await sentTwoLines(db(), t);
        for (const x of tries) {
          await db()
            .asUser(t.ownerId, async (c) => {
              const id = randomUUID();
              await c.query(
                `insert into invoices (id, workspace_id, kind, credits_invoice_id, client_node_id) values ($1, $2, 'credit_note', $3, $4)`,
                [id, t.workspaceId, inv.invoiceId, t.clientId],
              );
              await c.query(
                `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, credits_line_id) values ($1, $2, 'Kredit', $3, $4, $5)`,
                [t.workspaceId, id, -x.quantity, x.price, x.line === 'hours' ? inv.hoursLine : x.line === 'travel' ? inv.travelLine : null],
              );
              if (x.send) await c.query('select send_invoice($1)', [id]);
            })
            .catch(() => undefined);
          for (const row of await credited(db(), inv.invoiceId)) {
            expect(row.credited_amount).toBeLessThanOrEqual(row.amount);
            expect(row.credited_quantity).toBeLessThanOrEqual(row.quantity);
            expect(row.credited_total).toBeLessThanOrEqual(row.total);
            expect(row.credited_total).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: target === 'pglite' ? 15 : 25 },
    );
  }, 120_000);

  if (target === 'pg15') {
    it('concurrent sends of credit notes on separate connections never credit more than the original', async () => {
      const inv = await sentTwoLines(db(), t);
      const drafts: string[] = [];
      for (let i = 0; i < 6; i++) drafts.push(await handDraft(db(), t, inv.invoiceId, inv.hoursLine, -5));
      const results = await db().asUserAtOnce(t.ownerId, drafts.length, (c, i) => c.query('select send_invoice($1)', [drafts[i]]));
      const sent = results.filter((r) => r.status === 'fulfilled').length;
      for (const r of results) if (r.status === 'rejected') expect((r.reason as Error).message).toBe('credit_note_exceeds_line');
      expect(sent).toBe(1);
      const rows = await credited(db(), inv.invoiceId);
      expect(rows[0].credited_quantity).toBe(5);
      expect(rows[0].credited_total).toBe(593750);
    });
  }
});
