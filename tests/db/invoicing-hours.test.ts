// A line that bills time entries always equals them (issue 12): on a draft the line follows every
// edit of its entries, what cannot follow is refused with its own message, the line itself cannot
// be typed over, and send_invoice() refuses a line out of step. A property test drives random
// edit sequences and checks every line after each step.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { messageKeyFor } from '../../lib/db/constraint-messages';
import { describeEachDatabase } from '../support/db';
import { addClient, attempt, attemptAsAdmin, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('lines of hours follow their entries', (db) => {
  let t: Tenant;
  beforeAll(async () => {
    t = await makeTenant(db());
  });

  async function entry(minutes: number, opts: { rate?: number; date?: string; node?: string } = {}) {
    const id = randomUUID();
    await db().asUser(t.ownerId, (c) =>
      c.query(
        `insert into time_entries (id, workspace_id, node_id, entry_date, minutes, hourly_rate_ore) values ($1, $2, $3, $4, $5, $6)`,
        [id, t.workspaceId, opts.node ?? t.taskId, opts.date ?? '2026-11-02', minutes, opts.rate ?? 100_000],
      ),
    );
    return id;
  }
  /** A draft billing the entries (grouped: one line per node and rate). */
  async function billed(ids: string[]) {
    return db().asUser(t.ownerId, async (c) => {
      const id = randomUUID();
      await c.query(`insert into invoices (id, workspace_id, client_node_id) values ($1, $2, $3)`, [id, t.workspaceId, t.clientId]);
      await c.query(`select bill_time_entries($1, $2)`, [id, ids]);
      return id;
    });
  }
  const lines = async (invoiceId: string) =>
    (
      await db().admin.query(
        `select id, quantity::text, unit_price_ore::int as price, amount_ore::int as amount from invoice_lines where invoice_id = $1 order by position`,
        [invoiceId],
      )
    ).rows;
  const asOwner = (sql: string, params: unknown[]) => db().asUser(t.ownerId, (c) => c.query(sql, params));

  it('what was seen: 3 h edited to 4 h on a draft; the line and the sent invoice bill 4 h', async () => {
    const e = await entry(180);
    const invoiceId = await billed([e]);
    expect((await lines(invoiceId))[0]).toMatchObject({ quantity: '3.00', amount: 300_000 });
    await asOwner(`update time_entries set minutes = 240 where id = $1`, [e]);
    expect((await lines(invoiceId))[0]).toMatchObject({ quantity: '4.00', amount: 400_000 });
    const sent = (await db().asUser(t.ownerId, (c) => c.query(`select net_ore::int from send_invoice($1)`, [invoiceId]))).rows[0];
    expect(sent.net_ore).toBe(400_000);
    expect((await attempt(db(), { user: t.ownerId }, `update time_entries set minutes = 300 where id = $1`, [e])).constraint).toBe(
      'time_entries_billed_locked',
    );
  });

  it('deleting or unbilling entries shrinks the line; the last one takes the line with it', async () => {
    const [a, b] = [await entry(60), await entry(30)];
    const invoiceId = await billed([a, b]);
    expect((await lines(invoiceId))[0].quantity).toBe('1.50');
    await asOwner(`delete from time_entries where id = $1`, [a]);
    expect((await lines(invoiceId))[0].quantity).toBe('0.50');
    await asOwner(`update time_entries set invoice_line_id = null where id = $1`, [b]);
    expect(await lines(invoiceId)).toEqual([]);
    const totals = (await db().admin.query(`select net_ore::int from invoices where id = $1`, [invoiceId])).rows[0];
    expect(totals.net_ore).toBe(0);
  });

  it('a rate edit follows on a line of one rate, and is refused where it would split the line', async () => {
    const single = await entry(60);
    const one = await billed([single]);
    await asOwner(`update time_entries set hourly_rate_ore = 120000 where id = $1`, [single]);
    expect((await lines(one))[0]).toMatchObject({ price: 120_000, amount: 120_000 });

    const [a, b] = [await entry(60), await entry(60)];
    const two = await billed([a, b]);
    const refused = await attempt(db(), { user: t.ownerId }, `update time_entries set hourly_rate_ore = 1 where id = $1`, [a]);
    expect(refused.constraint).toBe('time_entries_line_one_rate');
    expect(messageKeyFor(refused)).toBe('db.lineOneRate');
    expect((await lines(two))[0]).toMatchObject({ quantity: '2.00', price: 100_000 });
  });

  it('an entry on a draft stays on its node and its client; a date outside the period widens it', async () => {
    const e = await entry(60, { date: '2026-11-10' });
    const invoiceId = await billed([e]);
    const moved = await attempt(db(), { user: t.ownerId }, `update time_entries set node_id = $2 where id = $1`, [e, t.projectId]);
    expect(moved.constraint).toBe('time_entries_billed_on_draft');
    expect(messageKeyFor(moved)).toBe('db.timeEntryOnDraft');

    const otherClient = await db().asUser(t.ownerId, (c) => addClient(c, t.workspaceId));
    const foreign = await entry(60, { node: otherClient });
    const line = (await lines(invoiceId))[0].id;
    expect(
      (await attempt(db(), { user: t.ownerId }, `update time_entries set invoice_line_id = $2 where id = $1`, [foreign, line])).message,
    ).toBe('time_entry_not_billable');

    await asOwner(`update time_entries set entry_date = '2026-10-28' where id = $1`, [e]);
    const period = (await db().admin.query(`select period_start::text, period_end::text from invoices where id = $1`, [invoiceId])).rows[0];
    expect(period).toEqual({ period_start: '2026-10-28', period_end: '2026-11-10' });
  });

  it('a line of hours cannot be typed over, by the owner, service_role or the table owner', async () => {
    const invoiceId = await billed([await entry(90)]);
    const line = (await lines(invoiceId))[0].id;
    for (const sql of [
      `update invoice_lines set quantity = 9 where id = $1`,
      `update invoice_lines set unit_price_ore = 1 where id = $1`,
    ]) {
      for (const outcome of [
        await attempt(db(), { user: t.ownerId }, sql, [line]),
        await attempt(db(), { service: true }, sql, [line]),
        await attemptAsAdmin(db(), sql, [line]),
      ]) {
        expect(outcome.constraint, sql).toBe('invoice_lines_follow_hours');
      }
    }
    expect(messageKeyFor({ constraint: 'invoice_lines_follow_hours' })).toBe('db.lineFollowsHours');
    // A free line is edited as before.
    const free = (
      await db().asUser(t.ownerId, (c) =>
        c.query(
          `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore) values ($1, $2, 'Resa', 1, 500) returning id`,
          [t.workspaceId, invoiceId],
        ),
      )
    ).rows[0].id;
    expect((await attempt(db(), { user: t.ownerId }, `update invoice_lines set quantity = 2 where id = $1`, [free])).ok).toBe(true);
  });

  it('send refuses a line out of step with its hours (forged past the triggers), consuming no number', async () => {
    const e = await entry(60);
    const invoiceId = await billed([e]);
    const error = await db().asUser(t.ownerId, (c) => c.query(`select send_invoice($1)`, [invoiceId]).catch((err) => err), {
      rollback: true,
      // Forged past the triggers, as the table owner, before the owner sends.
      beforeBecoming: async (c) => {
        await c.query(`set local session_replication_role = replica`);
        await c.query(`update time_entries set minutes = 120 where id = $1`, [e]);
        await c.query(`set local session_replication_role = origin`);
      },
    });
    expect(error.message).toBe('invoice_incomplete:lines_match_hours');
    expect(messageKeyFor(error)).toBe('db.invoiceIncomplete.linesMatchHours');
  });

  it('property: after any sequence of edits every line equals its entries, and the draft sends', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('minutes' as const), pick: fc.nat(), minutes: fc.integer({ min: 1, max: 1440 }) }),
      fc.record({ kind: fc.constant('rate' as const), pick: fc.nat(), rate: fc.constantFrom(90_000, 100_000, 125_050) }),
      fc.record({ kind: fc.constant('date' as const), pick: fc.nat(), day: fc.integer({ min: 1, max: 28 }) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('unbill' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('add' as const), minutes: fc.integer({ min: 1, max: 600 }), rate: fc.constantFrom(90_000, 100_000) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 480 }), { minLength: 1, maxLength: 4 }),
        fc.array(op, { maxLength: 8 }),
        async (initial, ops) => {
          const ids: string[] = [];
          for (const m of initial) ids.push(await entry(m));
          const invoiceId = await billed(ids);
          for (const o of ops) {
            const billedIds = (
              await db().admin.query<{ id: string }>(
                `select e.id from time_entries e join invoice_lines l on l.id = e.invoice_line_id where l.invoice_id = $1 order by e.id`,
                [invoiceId],
              )
            ).rows.map((r) => r.id);
            const target = 'pick' in o && billedIds.length ? billedIds[o.pick % billedIds.length] : null;
            if (o.kind === 'add') {
              const id = await entry(o.minutes, { rate: o.rate });
              await asOwner(`select bill_time_entries($1, $2)`, [invoiceId, [id]]);
            } else if (target) {
              const sql = {
                minutes: `update time_entries set minutes = $2 where id = $1`,
                rate: `update time_entries set hourly_rate_ore = $2 where id = $1`,
                date: `update time_entries set entry_date = make_date(2026, 10, $2::int) where id = $1`,
                delete: `delete from time_entries where id = $1`,
                unbill: `update time_entries set invoice_line_id = null where id = $1`,
              }[o.kind];
              const params =
                o.kind === 'minutes'
                  ? [target, o.minutes]
                  : o.kind === 'rate'
                    ? [target, o.rate]
                    : o.kind === 'date'
                      ? [target, o.day]
                      : [target];
              const result = await asOwner(sql, params).then(
                () => ({ ok: true, constraint: undefined }),
                (e: { constraint?: string }) => ({ ok: false, constraint: e.constraint }),
              );
              // The one refusal allowed: a rate change that would give one line two rates.
              if (!result.ok) expect(result.constraint).toBe('time_entries_line_one_rate');
            }
            const mismatched = await db().admin.query(
              `select l.id from invoice_lines l where l.invoice_id = $1 and not private.line_matches_hours(l.id)
             union all
             select l.id from invoice_lines l join time_entries e on e.invoice_line_id = l.id where l.invoice_id = $1
              group by l.id, l.quantity, l.unit_price_ore
             having l.quantity <> greatest(round(sum(e.minutes) / 60.0, 2), 0.01) or l.unit_price_ore <> min(e.hourly_rate_ore)
                 or count(distinct e.hourly_rate_ore) <> 1`,
              [invoiceId],
            );
            expect(mismatched.rows).toEqual([]);
          }
          const hasLines = (await lines(invoiceId)).length > 0;
          const sent = await attempt(db(), { user: t.ownerId }, `select send_invoice($1)`, [invoiceId]);
          expect(sent.ok || (!hasLines && sent.message === 'invoice_incomplete:lines')).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);
});
