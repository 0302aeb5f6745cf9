// The dates of a sent invoice are true (issue 12): sending dates it today in Stockholm whatever
// the draft planned, the due date keeps its terms, supply date and period stay within reason,
// numbers and issue dates ascend together, "today" turns at Stockholm's midnight, and the first
// number of a series can be chosen until something in it is sent.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { customerLedger } from '../../lib/accountant/queries';
import { messageKeyFor } from '../../lib/db/constraint-messages';
import { getInvoice } from '../../lib/invoices/queries';
import type { TestDatabase } from '../support/db';
import { describeEachDatabase } from '../support/db';
import {
  addAccountant,
  addClient,
  addDraft,
  attempt,
  attemptAsAdmin,
  completeProfile,
  makeTenant,
  workspaceOf,
  type Tenant,
} from './fixtures';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function stockholmToday(db: TestDatabase): Promise<string> {
  return (await db.admin.query(`select private.stockholm_today()::text as d`)).rows[0].d;
}

/** A workspace with a complete profile and a client, but nothing sent yet. */
async function freshOwner(db: TestDatabase) {
  const ownerId = await db.createUser();
  const workspaceId = await workspaceOf(db, ownerId);
  const clientId = await db.asUser(ownerId, async (c) => {
    await completeProfile(c, workspaceId);
    return addClient(c, workspaceId);
  });
  return { ownerId, workspaceId, clientId };
}

describeEachDatabase('invoice dates', (db) => {
  let t: Tenant;
  let today: string;
  beforeAll(async () => {
    t = await makeTenant(db());
    today = await stockholmToday(db());
  });

  const draftWith = (dates: Record<string, string | null>) =>
    db().asUser(t.ownerId, async (c) => {
      const { invoiceId } = await addDraft(c, t.workspaceId, t.clientId);
      const cols = Object.keys(dates);
      if (cols.length) {
        await c.query(`update invoices set ${cols.map((k, i) => `${k} = $${i + 2}`).join(', ')} where id = $1`, [
          invoiceId,
          ...Object.values(dates),
        ]);
      }
      return invoiceId;
    });
  const send = (invoiceId: string) =>
    db().asUser(
      t.ownerId,
      async (c) => (await c.query(`select issue_date::text, due_date::text, number from send_invoice($1)`, [invoiceId])).rows[0],
    );

  it('a draft planned for 2015-06-01 is sent dated today; its due date keeps the planned 30 days', async () => {
    const id = await draftWith({ issue_date: '2015-06-01', due_date: '2015-07-01', supply_date: '2015-05-20' });
    const sent = await send(id);
    expect(sent.issue_date).toBe(today);
    expect(sent.due_date).toBe(addDays(today, 30));
    const row = (
      await db().admin.query(`select supply_date::text, private.stockholm_today(sent_at)::text as sent_day from invoices where id = $1`, [
        id,
      ])
    ).rows[0];
    expect(row).toEqual({ supply_date: '2015-05-20', sent_day: today });
  });

  it('without planned dates the due date follows the client’s terms, else the profile’s, from today', async () => {
    const profileTerms = await send(await draftWith({}));
    expect(profileTerms.due_date).toBe(addDays(today, 30));
    await db().asUser(t.ownerId, (c) => c.query(`update client_details set payment_terms_days = 10 where node_id = $1`, [t.clientId]));
    try {
      expect((await send(await draftWith({}))).due_date).toBe(addDays(today, 10));
    } finally {
      await db().asUser(t.ownerId, (c) => c.query(`update client_details set payment_terms_days = null where node_id = $1`, [t.clientId]));
    }
  });

  it('a due date alone that has passed is refused at send, with nothing consumed', async () => {
    const id = await draftWith({ due_date: '2016-01-31' });
    const result = await attempt(db(), { user: t.ownerId }, `select send_invoice($1)`, [id]);
    expect(result.message).toBe('invoice_incomplete:due_date');
    expect(messageKeyFor(result)).toBe('db.invoiceIncomplete.dueDate');
  });

  it('a credit note is dated the day it is sent, too', async () => {
    const original = await send(await draftWith({ issue_date: '2019-03-01' }));
    const invoiceId = (
      await db().admin.query(`select id from invoices where number = $1 and workspace_id = $2`, [original.number, t.workspaceId])
    ).rows[0].id;
    const note = await db().asUser(t.ownerId, async (c) => {
      const id = (await c.query(`select create_credit_note($1) as id`, [invoiceId])).rows[0].id;
      await c.query(`update invoices set issue_date = '2019-03-02' where id = $1`, [id]);
      return (await c.query(`select issue_date::text, kind from send_invoice($1)`, [id])).rows[0];
    });
    expect(note).toEqual({ issue_date: today, kind: 'credit_note' });
  });

  it('refuses a supply date or period after the real issue date plus a year, naming the field', async () => {
    const later = addDays(today, 400);
    const supply = await attempt(db(), { user: t.ownerId }, `select send_invoice($1)`, [
      await draftWith({ issue_date: later, supply_date: later }),
    ]);
    expect(supply.message).toBe('invoice_incomplete:supply_date');
    expect(messageKeyFor(supply)).toBe('db.invoiceIncomplete.supplyDate');
    const period = await attempt(db(), { user: t.ownerId }, `select send_invoice($1)`, [
      await draftWith({ period_start: today, period_end: later }),
    ]);
    expect(period.message).toBe('invoice_incomplete:period');
    // A year ahead is still fine.
    expect((await send(await draftWith({ supply_date: addDays(today, 360) }))).issue_date).toBe(today);
  });

  it('refuses dates before 2000 for owner, service_role and the table owner alike', async () => {
    const id = await draftWith({});
    for (const [column, constraint] of [
      ['issue_date', 'invoices_issue_date_range'],
      ['due_date', 'invoices_due_date_range'],
      ['supply_date', 'invoices_supply_date_range'],
      ['period_start', 'invoices_period_start_range'],
    ] as const) {
      const sql = `update invoices set ${column} = '0001-01-01' where id = $1`;
      for (const outcome of [
        await attempt(db(), { user: t.ownerId }, sql, [id]),
        await attempt(db(), { service: true }, sql, [id]),
        await attemptAsAdmin(db(), sql, [id]),
      ]) {
        expect(outcome.constraint, column).toBe(constraint);
      }
    }
    const ok = await attempt(
      db(),
      { user: t.ownerId },
      `update invoices set supply_date = '2000-01-01', period_start = '2000-01-01', period_end = '2000-01-31' where id = $1`,
      [id],
    );
    expect(ok.ok).toBe(true);
  });

  it('numbers and issue dates ascend together: an earlier number dated later stops the send', async () => {
    const id = await draftWith({});
    const error = await db().asUser(t.ownerId, (c) => c.query(`select send_invoice($1)`, [id]).catch((e) => e), {
      rollback: true,
      // Only a forged row can be out of order (the triggers are bypassed to make one).
      beforeBecoming: async (c) => {
        await c.query(`set local session_replication_role = replica`);
        await c.query(`update invoices set issue_date = $2::date + 1 where id = $1`, [t.sentInvoiceId, today]);
        await c.query(`set local session_replication_role = origin`);
      },
    });
    expect(error.message).toBe('invoice_series_out_of_order');
    expect(messageKeyFor(error)).toBe('db.seriesOutOfOrder');
  });

  it('overdue means due before the Stockholm today, whatever the session’s time zone (invoice page, ledger)', async () => {
    for (const [dueOffset, overdue] of [
      [0, false],
      [-1, true],
    ] as const) {
      // Between them the two zones differ from Stockholm's date at every hour of the day.
      for (const zone of ['Etc/GMT-14', 'Etc/GMT+12']) {
        await db().asUser(
          t.ownerId,
          async (client) => {
            await client.query(`select set_config('timezone', $1, true)`, [zone]);
            expect((await getInvoice(client, t.sentInvoiceId))?.overdue, `${zone} ${dueOffset}`).toBe(overdue);
            const ledger = await customerLedger(client, {});
            expect(ledger.find((r) => r.clientId === t.clientId)?.overdue, `${zone} ${dueOffset}`).toBe(overdue ? 1 : 0);
          },
          {
            rollback: true,
            beforeBecoming: async (c) => {
              await c.query(`set local session_replication_role = replica`);
              await c.query(
                `update invoices set issue_date = private.stockholm_today() - 5, due_date = private.stockholm_today() + $2::int where id = $1`,
                [t.sentInvoiceId, dueOffset],
              );
              await c.query(`set local session_replication_role = origin`);
            },
          },
        );
      }
    }
  });

  it('today is the Stockholm calendar day: at midnight, in summer time and at the turn of the year', async () => {
    const cases: [string, string][] = [
      ['2026-12-31T22:59:59Z', '2026-12-31'],
      ['2026-12-31T23:00:00Z', '2027-01-01'],
      ['2026-06-30T21:59:59Z', '2026-06-30'],
      ['2026-06-30T22:00:00Z', '2026-07-01'],
      ['2027-01-01T00:30:00+01:00', '2027-01-01'],
    ];
    for (const [at, day] of cases) {
      // Whatever the session's time zone says.
      for (const zone of ['UTC', 'Pacific/Kiritimati', 'Etc/GMT+12']) {
        const client = await db().admin.connect();
        try {
          await client.query('begin');
          await client.query(`select set_config('timezone', $1, true)`, [zone]);
          expect((await client.query(`select private.stockholm_today($1::timestamptz)::text as d`, [at])).rows[0].d, `${at} ${zone}`).toBe(
            day,
          );
        } finally {
          await client.query('rollback');
          client.release();
        }
      }
    }
  });
});

describeEachDatabase('the first number of a series', (db) => {
  it('is chosen before the first send, changeable until then, and refused once anything was sent', async () => {
    const o = await freshOwner(db());
    const set = (first: number, who: { user: string } | { service: true } = { user: o.ownerId }) =>
      attempt(db(), who, `select next_number, first_number from set_first_invoice_number($1, $2)`, [o.workspaceId, first]);
    expect((await set(500)).ok).toBe(true);
    await db().asUser(o.ownerId, (c) => c.query(`select set_first_invoice_number($1, 1001)`, [o.workspaceId]));
    await db().asUser(o.ownerId, (c) => c.query(`select set_first_invoice_number($1, 1042)`, [o.workspaceId]));
    const first = await db().asUser(o.ownerId, async (c) => {
      const { invoiceId } = await addDraft(c, o.workspaceId, o.clientId);
      return (await c.query(`select number, ocr_reference from send_invoice($1)`, [invoiceId])).rows[0];
    });
    expect(Number(first.number)).toBe(1042);
    expect(first.ocr_reference).toMatch(/^1042\d$/);

    const again = await set(1);
    expect(again.message).toBe('number_series_started');
    expect(messageKeyFor(again)).toBe('db.seriesStarted');
    // Not even the table owner moves a started counter.
    const forced = await attemptAsAdmin(db(), `update number_series set next_number = 1, first_number = 1 where workspace_id = $1`, [
      o.workspaceId,
    ]);
    expect(forced.message).toBe('number_series_increment_only');
    const next = await db().asUser(o.ownerId, async (c) => {
      const { invoiceId } = await addDraft(c, o.workspaceId, o.clientId);
      return Number((await c.query(`select number from send_invoice($1)`, [invoiceId])).rows[0].number);
    });
    expect(next).toBe(1043);
  });

  it('only the owner chooses it, within 1 to 999 999 999', async () => {
    const o = await freshOwner(db());
    const accountant = await addAccountant(db(), o.workspaceId);
    for (const who of [{ user: accountant }, { user: await db().createUser() }]) {
      expect((await attempt(db(), who, `select set_first_invoice_number($1, 7)`, [o.workspaceId])).message).toBe('not_workspace_owner');
    }
    expect((await attempt(db(), { anon: true }, `select set_first_invoice_number($1, 7)`, [o.workspaceId])).code).toBe('42501');
    for (const bad of [0, -5, 1_000_000_000]) {
      const result = await attempt(db(), { user: o.ownerId }, `select set_first_invoice_number($1, $2)`, [o.workspaceId, bad]);
      expect(result.message, String(bad)).toBe('number_series_first_number_range');
      expect(messageKeyFor(result)).toBe('db.firstNumberRange');
    }
    expect((await attempt(db(), { user: o.ownerId }, `select set_first_invoice_number($1, 7)`, [randomUUID()])).message).toBe(
      'not_workspace_owner',
    );
  });
});
