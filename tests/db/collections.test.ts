// Late payment (issue 19, items 1 and 2): dröjsmålsränta per räntelagen from the reference-rate
// table (computed by hand below: principal × rate × days / 365, rounded to the öre), the agreed
// rate instead, a half-year without a rate refused, reminders with the client's fee capped at
// 60 kr per invoice, and the räntefaktura: ordinary number series, no VAT, each charge once.
import pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import { messageKeyFor } from '../../lib/db/constraint-messages';
import { collectionsJob } from '../../lib/jobs/collections';
import { buildSieExport } from '../../lib/exports/sie/export';
import { fiscalYearStart } from '../../lib/exports/sie/fiscal-year';
import { VAT_BOXES, vatReturn } from '../../lib/reports/vat-return';
import { parseSie } from '../exports/sie-parser';
import { describeEachDatabase, type TestDatabase } from '../support/db';
import { addClient, addDraft, attempt, makeTenant, type Tenant } from './fixtures';

/** A sent 9 500 kr invoice on the client, moved back to the given issue and due dates (as the operator could). */
async function lateInvoice(db: TestDatabase, t: Tenant, clientId: string, issue: string, due: string): Promise<string> {
  const id = await db.asUser(t.ownerId, async (c) => {
    const d = await addDraft(c, t.workspaceId, clientId);
    await c.query('select send_invoice($1)', [d.invoiceId]);
    return d.invoiceId;
  });
  const client = await db.admin.connect();
  try {
    await client.query('begin');
    await client.query(`set local session_replication_role = replica`);
    await client.query(`update invoices set issue_date = $2, due_date = $3 where id = $1`, [id, issue, due]);
    await client.query('commit');
  } finally {
    client.release();
  }
  return id;
}

const interest = (db: TestDatabase, userId: string, invoiceId: string, through: string) =>
  db.asUser(userId, async (c) => {
    const { rows } = await c.query(
      `select interest_from::text as "from", interest_to::text as "to", days, rate_bp as rate, principal_ore::int as principal,
              interest_ore::int as interest
         from late_interest($1, $2)`,
      [invoiceId, through],
    );
    return rows;
  });

describeEachDatabase('late payment: interest, reminders, räntefaktura', (db) => {
  let t: Tenant;
  let other: Tenant;
  beforeAll(async () => {
    t = await makeTenant(db());
    other = await makeTenant(db());
  });

  it('interest runs at the reference rate + 8 pp on what is unpaid each day; a payment stops it on what it paid', async () => {
    const id = await lateInvoice(db(), t, t.clientId, '2026-02-18', '2026-03-20');
    await db().asUser(t.ownerId, (c) => c.query(`select record_payment($1, 400000, '2026-04-10', 'bankgiro')`, [id]));
    // H1 2026: reference rate 2,00 % → 10,00 %. 21 days (21 Mar–10 Apr) on 9 500 kr: 950000 × 0.10 × 21 / 365 = 5465.75;
    // then 20 days (11–30 Apr) on 5 500 kr: 550000 × 0.10 × 20 / 365 = 3013.70.
    expect(await interest(db(), t.ownerId, id, '2026-04-30')).toEqual([
      { from: '2026-03-21', to: '2026-04-10', days: 21, rate: 1000, principal: 950000, interest: 5466 },
      { from: '2026-04-11', to: '2026-04-30', days: 20, rate: 1000, principal: 550000, interest: 3014 },
    ]);
  });

  it('the rate changes with the half-year; the agreed rate replaces räntelagen’s; a half-year without a rate is refused', async () => {
    const id = await lateInvoice(db(), t, t.clientId, '2025-05-21', '2025-06-20');
    // H1 2025: 3,00 % + 8 = 11 %: 950000 × 0.11 × 10 / 365 = 2863.01; H2 2025: 2,00 % + 8 = 10 %: 950000 × 0.10 × 10 / 365 = 2602.74.
    expect(await interest(db(), t.ownerId, id, '2025-07-10')).toEqual([
      { from: '2025-06-21', to: '2025-06-30', days: 10, rate: 1100, principal: 950000, interest: 2863 },
      { from: '2025-07-01', to: '2025-07-10', days: 10, rate: 1000, principal: 950000, interest: 2603 },
    ]);
    const missing = await attempt(db(), { user: t.ownerId }, `select * from late_interest($1, '2026-07-05')`, [id]);
    expect(missing).toMatchObject({ ok: false, message: 'reference_rate_missing' });
    expect(messageKeyFor(missing)).toBe('db.referenceRateMissing');

    const agreedClient = await db().asUser(t.ownerId, async (c) => {
      const clientId = await addClient(c, t.workspaceId);
      await c.query(`update client_details set late_interest_bp = 1200 where node_id = $1`, [clientId]);
      return clientId;
    });
    const agreed = await lateInvoice(db(), t, agreedClient, '2025-05-21', '2025-06-20');
    // 12 % for 20 days, one run: 950000 × 0.12 × 20 / 365 = 6246.58; and no reference rate needed past the table.
    expect(await interest(db(), t.ownerId, agreed, '2025-07-10')).toEqual([
      { from: '2025-06-21', to: '2025-07-10', days: 20, rate: 1200, principal: 950000, interest: 6247 },
    ]);
    expect((await interest(db(), t.ownerId, agreed, '2026-07-05')).at(-1)).toMatchObject({ to: '2026-07-05', rate: 1200 });
  });

  it('reminders: the agreed fee, at most 60 kr per invoice in all, recorded in the history; only for overdue invoices', async () => {
    await db().asUser(t.ownerId, (c) => c.query(`update client_details set reminder_fee_ore = 4000 where node_id = $1`, [t.clientId]));
    const id = await lateInvoice(db(), t, t.clientId, '2026-02-18', '2026-03-20');
    const remind = () =>
      db().asUser(
        t.ownerId,
        async (c) => (await c.query(`select fee_ore from record_reminder($1, 'kund@example.se')`, [id])).rows[0].fee_ore,
      );
    expect([await remind(), await remind(), await remind()]).toEqual([4000, 2000, 0]);
    const events = await db().admin.query(`select details from invoice_events where invoice_id = $1 and event = 'reminder_sent'`, [id]);
    expect(events.rows.map((r) => r.details.fee_ore)).toEqual([4000, 2000, 0]);
    // The cap holds for the table owner too.
    const over = await db()
      .admin.query(`update payment_reminders set fee_ore = 6000 where invoice_id = $1 and fee_ore = 4000`, [id])
      .catch((e: pg.DatabaseError) => e);
    expect(over).toBeInstanceOf(Error);
    const notDue = await attempt(db(), { user: t.ownerId }, `select record_reminder($1, 'kund@example.se')`, [t.sentInvoiceId]);
    expect(messageKeyFor(notDue)).toBe('db.invoiceNotOverdue');
    const stranger = await attempt(db(), { user: other.ownerId }, `select record_reminder($1, 'kund@example.se')`, [id]);
    expect(stranger).toMatchObject({ ok: false, message: 'invoice_not_found' });
  });

  it('a räntefaktura charges interest, förseningsersättning and reminder fees once, without VAT, in the ordinary series', async () => {
    const clientId = await db().asUser(t.ownerId, async (c) => {
      const id = await addClient(c, t.workspaceId);
      await c.query(`update client_details set reminder_fee_ore = 6000 where node_id = $1`, [id]);
      return id;
    });
    const id = await lateInvoice(db(), t, clientId, '2026-02-18', '2026-03-20');
    await db().asUser(t.ownerId, async (c) => {
      await c.query(`select record_reminder($1, 'kund@example.se')`, [id]);
      await c.query(`select record_payment($1, 950000, '2026-04-10', 'bankgiro')`, [id]);
    });
    const { lines, sent } = await db().asUser(t.ownerId, async (c) => {
      const draft = (await c.query(`select create_interest_invoice($1) as id`, [clientId])).rows[0].id as string;
      const lines = (
        await c.query(
          `select line_kind, amount_ore::int as amount, vat_rate, interest_rate_bp, description from invoice_lines
            where invoice_id = $1 order by line_kind`,
          [draft],
        )
      ).rows;
      const sent = (
        await c.query(`select number, series, total_ore::int as total, vat_ore::int as vat, status from send_invoice($1)`, [draft])
      ).rows[0];
      return { lines, sent };
    });
    // 21 days at 10 % on 9 500 kr = 54,66 kr; 450 kr; 60 kr.
    expect(lines.map((l) => [l.line_kind, l.amount, l.vat_rate])).toEqual([
      ['late_compensation', 45000, 0],
      ['late_interest', 5466, 0],
      ['reminder_fee', 6000, 0],
    ]);
    expect(lines.find((l) => l.line_kind === 'late_interest').description).toContain('21 dagar × 10,00 %');
    expect(sent).toMatchObject({ total: 56466, vat: 0, status: 'sent' });
    const { rows } = await db().admin.query(`select number from invoices where id = $1`, [id]);
    expect(Number(sent.number)).toBeGreaterThan(Number(rows[0].number));
    const again = await attempt(db(), { user: t.ownerId }, `select create_interest_invoice($1)`, [clientId]);
    expect(messageKeyFor(again)).toBe('db.nothingToCharge');
  });

  it('the räntefaktura is booked on interest (8313) and fees (3930), not as sales, and reaches no box of the momsdeklaration', async () => {
    const clientId = await db().asUser(t.ownerId, async (c) => {
      const id = await addClient(c, t.workspaceId);
      await c.query(`update client_details set reminder_fee_ore = 6000 where node_id = $1`, [id]);
      return id;
    });
    const id = await lateInvoice(db(), t, clientId, '2026-02-18', '2026-03-20');
    const { sent, sie, vat } = await db().asUser(t.ownerId, async (c) => {
      await c.query(`select record_reminder($1, 'kund@example.se')`, [id]);
      await c.query(`select record_payment($1, 950000, '2026-04-10', 'bankgiro')`, [id]);
      const draft = (await c.query(`select create_interest_invoice($1) as id`, [clientId])).rows[0].id as string;
      const sent = (await c.query(`select number::int as number, issue_date::text as "issueDate" from send_invoice($1)`, [draft])).rows[0];
      const start = (await c.query(`select public.fiscal_year_start_month($1) as m`, [t.workspaceId])).rows[0].m ?? 1;
      const year = fiscalYearStart(sent.issueDate, start);
      const sie = parseSie((await buildSieExport(c, t.workspaceId, { year, from: sent.issueDate, to: sent.issueDate })).bytes);
      const vat = await vatReturn(c, t.workspaceId, {
        code: sent.issueDate.slice(0, 7),
        kind: 'month',
        from: sent.issueDate,
        to: sent.issueDate,
      });
      return { sent, sie, vat };
    });
    const voucher = sie.vers.find((v) => v.text.includes(String(sent.number)) && v.trans.some((tr) => tr.account === '8313'));
    // 21 days at 10 % on 9 500 kr = 54,66 kr interest; 450 kr förseningsersättning + 60 kr reminder fee.
    expect(Object.fromEntries(voucher!.trans.map((tr) => [tr.account, tr.amountOre]))).toEqual({
      '1510': 56466,
      '8313': -5466,
      '3930': -51000,
    });
    expect(sie.records.filter((r) => r.label === '#KONTO').map((r) => r.fields[0])).toEqual(expect.arrayContaining(['8313', '3930']));
    for (const box of VAT_BOXES) expect(vat.boxes[box].lines.filter((l) => l.documentNumber === sent.number)).toEqual([]);
  });

  it('no förseningsersättning for a consumer; another tenant cannot charge this client', async () => {
    const clientId = await db().asUser(t.ownerId, async (c) => {
      const id = await addClient(c, t.workspaceId);
      await c.query(`update client_details set consumer = true where node_id = $1`, [id]);
      return id;
    });
    const id = await lateInvoice(db(), t, clientId, '2026-02-18', '2026-03-20');
    await db().asUser(t.ownerId, (c) => c.query(`select record_payment($1, 950000, '2026-04-10', 'bankgiro')`, [id]));
    const stranger = await attempt(db(), { user: other.ownerId }, `select create_interest_invoice($1)`, [clientId]);
    expect(stranger).toMatchObject({ ok: false, message: 'client_not_found' });
    const kinds = await db().asUser(t.ownerId, async (c) => {
      const draft = (await c.query(`select create_interest_invoice($1) as id`, [clientId])).rows[0].id;
      return (await c.query(`select line_kind from invoice_lines where invoice_id = $1`, [draft])).rows.map((r) => r.line_kind);
    });
    expect(kinds).toEqual(['late_interest']);
  });

  it('the daily collections job suggests reminders for overdue invoices and a räntefaktura for clients owing interest, to their owner only', async () => {
    const clientId = await db().asUser(t.ownerId, (c) => addClient(c, t.workspaceId));
    const overdue = await lateInvoice(db(), t, clientId, '2026-02-18', '2026-03-20');
    const day = (await db().admin.query(`select private.stockholm_today()::text as d`)).rows[0].d;
    expect((await collectionsJob(db().admin, day)).suggestions).toBeGreaterThanOrEqual(2);
    const mine = await db().asUser(t.ownerId, async (c) => (await c.query(`select kind, subject_id from collection_suggestions()`)).rows);
    expect(mine).toContainEqual({ kind: 'reminder', subject_id: overdue });
    expect(mine).toContainEqual({ kind: 'interest', subject_id: clientId });
    expect(mine).not.toContainEqual({ kind: 'reminder', subject_id: t.sentInvoiceId }); // not due yet
    const theirs = await db().asUser(other.ownerId, async (c) => (await c.query(`select subject_id from collection_suggestions()`)).rows);
    expect(theirs.map((r) => r.subject_id)).not.toContain(overdue);
    // Reminded today: no reminder suggested tomorrow's run either.
    await db().asUser(t.ownerId, (c) => c.query(`select record_reminder($1, 'kund@example.se')`, [overdue]));
    await collectionsJob(db().admin, day);
    const after = await db().asUser(t.ownerId, async (c) => (await c.query(`select kind, subject_id from collection_suggestions()`)).rows);
    expect(after).not.toContainEqual({ kind: 'reminder', subject_id: overdue });
  });
});
