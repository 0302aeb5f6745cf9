// The retention job with a fake now: logs older than 24 months anonymised with the hash chain
// still verifiable, email-link tokens older than 24 hours gone, fiscal-year arithmetic, idempotence,
// and bookkeeping kept 7 years from the fiscal year it was sent in, whatever dates were typed.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { TestDatabase } from '../support/db';
import { describeEachDatabase } from '../support/db';
import { addDraft, makeTenant } from './fixtures';

const MONTH = 30.5 * 24 * 3600 * 1000;

async function retention(db: TestDatabase, at: Date) {
  const { rows } = await db.admin.query(`select private.run_retention($1) as report`, [at]);
  return rows[0].report as Record<string, number>;
}

/** The Stockholm calendar year now (the year the tests' invoices are sent in). */
async function sendingYear(db: TestDatabase) {
  return Number((await db.admin.query(`select extract(year from private.stockholm_today())::int as y`)).rows[0].y);
}

describeEachDatabase('retention job', (db) => {
  it('what was seen: a draft dated 2015-06-01, sent today, is not deleted by the next run', async () => {
    const t = await makeTenant(db());
    const invoiceId = await db().asUser(t.ownerId, async (c) => {
      const { invoiceId } = await addDraft(c, t.workspaceId, t.clientId);
      await c.query(`update invoices set issue_date = '2015-06-01', due_date = '2015-07-01' where id = $1`, [invoiceId]);
      await c.query(`select send_invoice($1)`, [invoiceId]);
      return invoiceId;
    });
    const report = await retention(db(), new Date());
    expect(report.invoices_deleted).toBe(0);
    expect((await db().admin.query(`select count(*)::int as n from invoices where id = $1`, [invoiceId])).rows[0].n).toBe(1);
    // Even an issue date forged past the triggers is not what retention counts from: sent_at is.
    const client = await db().admin.connect();
    try {
      await client.query('begin');
      await client.query(`set local session_replication_role = replica`);
      await client.query(`update invoices set issue_date = '2015-06-01', due_date = '2015-07-01' where id = $1`, [invoiceId]);
      await client.query(`set local session_replication_role = origin`);
      const forged = (await client.query(`select private.run_retention(now()) as report`)).rows[0].report;
      expect(forged.invoices_deleted).toBe(0);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('backdating every date a user can type deletes nothing younger than 7 years after the fiscal year of sending', async () => {
    const t = await makeTenant(db());
    const year = await sendingYear(db());
    const entry = randomUUID();
    const ids = await db().asUser(t.ownerId, async (c) => {
      await c.query(
        `insert into time_entries (id, workspace_id, node_id, entry_date, minutes, hourly_rate_ore) values ($1, $2, $3, '2000-01-03', 120, 95000)`,
        [entry, t.workspaceId, t.taskId],
      );
      const { invoiceId } = await addDraft(c, t.workspaceId, t.clientId);
      await c.query(`select bill_time_entries($1, $2)`, [invoiceId, [entry]]);
      await c.query(
        `update invoices set issue_date = '2000-01-01', due_date = '2000-01-31', supply_date = '2000-01-02', period_start = '2000-01-01', period_end = '2000-01-31' where id = $1`,
        [invoiceId],
      );
      await c.query(`update time_entries set entry_date = '2000-01-04' where id = $1`, [entry]);
      await c.query(`select send_invoice($1)`, [invoiceId]);
      const note = (await c.query(`select create_credit_note($1) as id`, [invoiceId])).rows[0].id;
      await c.query(`update invoices set issue_date = '2000-02-01', supply_date = '2000-01-02' where id = $1`, [note]);
      await c.query(`select send_invoice($1)`, [note]);
      return [invoiceId, note];
    });
    const kept = async () => ({
      invoices: (await db().admin.query(`select count(*)::int as n from invoices where id = any($1)`, [ids])).rows[0].n,
      entries: (await db().admin.query(`select count(*)::int as n from time_entries where id = $1`, [entry])).rows[0].n,
    });
    for (const at of ['2008-01-01T12:00:00+01:00', `${year + 1}-01-01T12:00:00+01:00`, `${year + 7}-12-31T23:59:00+01:00`]) {
      await retention(db(), new Date(at));
      expect(await kept(), at).toEqual({ invoices: 2, entries: 1 });
    }
    // The first Stockholm day after the 7th year: both go, with the hours they bill.
    await retention(db(), new Date(`${year + 7}-12-31T23:01:00Z`));
    expect(await kept()).toEqual({ invoices: 0, entries: 0 });
  });

  it('counts from the fiscal year of sending when it does not follow the calendar', async () => {
    const t = await makeTenant(db());
    const year = await sendingYear(db());
    const month = Number((await db().admin.query(`select extract(month from private.stockholm_today())::int as m`)).rows[0].m);
    // A fiscal year starting in July: sent in July-December it ends next year.
    await db().admin.query(`update business_profiles set fiscal_year_start_month = 7 where workspace_id = $1`, [t.workspaceId]);
    const lastYear = year + (month >= 7 ? 1 : 0) + 7;
    await retention(db(), new Date(`${lastYear}-12-31T12:00:00+01:00`));
    expect((await db().admin.query(`select count(*)::int as n from invoices where id = $1`, [t.sentInvoiceId])).rows[0].n).toBe(1);
    await retention(db(), new Date(`${lastYear + 1}-01-01T12:00:00+01:00`));
    expect((await db().admin.query(`select count(*)::int as n from invoices where id = $1`, [t.sentInvoiceId])).rows[0].n).toBe(0);
  });

  it('keeps bookkeeping through 31 December of the 7th year after its fiscal year ended', async () => {
    const cases: [string, number, string][] = [
      ['2026-03-15', 1, '2033-12-31'],
      ['2026-12-31', 1, '2033-12-31'],
      ['2026-03-15', 7, '2033-12-31'], // fiscal year 2025-07-01 .. 2026-06-30
      ['2026-08-01', 7, '2034-12-31'], // fiscal year 2026-07-01 .. 2027-06-30
      ['2026-04-30', 5, '2033-12-31'], // fiscal year 2025-05-01 .. 2026-04-30
      ['2026-05-01', 5, '2034-12-31'],
    ];
    for (const [date, month, expected] of cases) {
      const { rows } = await db().admin.query(`select private.retention_end($1::date, $2)::text as d`, [date, month]);
      expect(rows[0].d, `${date} start ${month}`).toBe(expected);
    }
  });

  it('anonymises audit rows and Auth entries older than 24 months; the chain still verifies', async () => {
    const t = await makeTenant(db());
    const entry = randomUUID();
    await db().admin.query(
      `insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)
       values ('00000000-0000-0000-0000-000000000000', $1, json_build_object('action', 'login', 'actor_id', $2::text, 'actor_username', 'a@example.test', 'traits', json_build_object('provider', 'email')), now(), '10.0.0.1')`,
      [entry, t.ownerId],
    );
    const before = await retention(db(), new Date(Date.now() + 23 * MONTH));
    const fresh = await db().admin.query(`select count(*)::int as n from audit_log where workspace_id = $1 and anonymised_at is null`, [
      t.workspaceId,
    ]);
    expect(fresh.rows[0].n).toBeGreaterThan(10);
    expect(before.audit_rows_anonymised).toBe(0);

    const later = await retention(db(), new Date(Date.now() + 25 * MONTH));
    expect(later.audit_rows_anonymised).toBeGreaterThan(10);
    const rows = (
      await db().admin.query(`select actor_id, old_values, new_values, row_id, table_name from audit_log where workspace_id = $1`, [
        t.workspaceId,
      ])
    ).rows;
    expect(rows.every((r) => r.actor_id === null && r.old_values === null && r.new_values === null)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(t.ownerId);
    expect((await db().admin.query(`select * from verify_audit_chain($1)`, [t.workspaceId])).rows).toEqual([]);
    const auth = (await db().admin.query(`select payload, ip_address from auth.audit_log_entries where id = $1`, [entry])).rows[0];
    expect(auth.payload).toMatchObject({ action: 'login', actor_username: '', traits: {} });
    expect(auth.payload.actor_id).not.toBe(t.ownerId);
    expect(auth.ip_address).toBe('');

    // Idempotent: a second run at the same time finds nothing.
    const again = await retention(db(), new Date(Date.now() + 25 * MONTH));
    expect(again).toMatchObject({
      accounts_purged: 0,
      invoices_deleted: 0,
      audit_rows_anonymised: 0,
      auth_audit_entries_anonymised: 0,
      email_tokens_deleted: 0,
    });
  });

  it('removes email-link tokens older than 24 hours and keeps younger ones', async () => {
    const [a, b] = [await db().createUser(), await db().createUser()];
    await db().admin.query(
      `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at) values
         ($1, $3, 'recovery_token', 'old', 'x', (now() at time zone 'UTC') - interval '25 hours'),
         ($2, $4, 'recovery_token', 'new', 'x', (now() at time zone 'UTC') - interval '23 hours')`,
      [randomUUID(), randomUUID(), a, b],
    );
    const report = await retention(db(), new Date());
    expect(report.email_tokens_deleted).toBeGreaterThanOrEqual(1);
    const left = await db().admin.query(`select token_hash from auth.one_time_tokens where user_id in ($1, $2)`, [a, b]);
    expect(left.rows.map((r) => r.token_hash)).toEqual(['new']);
  });

  it('is the operator’s alone: API roles cannot run it', async () => {
    for (const role of ['anon', 'authenticated', 'service_role'] as const) {
      const outcome = await db()
        .as(role, { role, sub: randomUUID() }, (c) => c.query(`select private.run_retention(now())`))
        .then(
          () => 'ran',
          (e: { code?: string }) => e.code,
        );
      expect(outcome, role).toBe('42501');
    }
  });
});
