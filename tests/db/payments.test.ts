// Payments as append-only records (issue 12, item 3): partial payments, overpayments, reversals,
// the date rules, "mark paid" as a one-click full payment, who may do what (owner, accountant,
// service_role, table owner), concurrency on PostgreSQL 15, and the state an invoice gets from
// its payments and credit notes (a property test).
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { messageKeyFor } from '../../lib/db/constraint-messages';
import { describeEachDatabase, type TestDatabase } from '../support/db';
import { addAccountant, addDraft, attempt, attemptAsAdmin, makeTenant, type Tenant } from './fixtures';

/** A sent invoice of 8 h × 950 kr + 25 % VAT = 9 500 kr on the tenant's client; returns its id and line. */
async function sentInvoice(db: TestDatabase, t: Tenant) {
  return db.asUser(t.ownerId, async (c) => {
    const d = await addDraft(c, t.workspaceId, t.clientId);
    await c.query('select send_invoice($1)', [d.invoiceId]);
    return d;
  });
}

async function invoiceState(db: TestDatabase, id: string) {
  const { rows } = await db.admin.query(
    `select status, paid_ore::int as paid, credited_ore::int as credited, total_ore::int as total, paid_on::text as paid_on
       from invoices where id = $1`,
    [id],
  );
  return rows[0] as { status: string; paid: number; credited: number; total: number; paid_on: string | null };
}

describeEachDatabase('payments', (db, target) => {
  let t: Tenant;
  let accountant: string;
  let today: string;
  let tomorrow: string;
  beforeAll(async () => {
    t = await makeTenant(db());
    accountant = await addAccountant(db(), t.workspaceId);
    const { rows } = await db().admin.query(
      `select private.stockholm_today()::text as today, (private.stockholm_today() + 1)::text as tomorrow`,
    );
    ({ today, tomorrow } = rows[0]);
  });

  const pay = (invoiceId: string, amount: number, on = today, method = 'bankgiro', reference: string | null = null) =>
    db().asUser(
      t.ownerId,
      async (c) => (await c.query(`select * from record_payment($1, $2, $3, $4, $5)`, [invoiceId, amount, on, method, reference])).rows[0],
    );

  it('a partial payment makes the invoice partly paid; the rest makes it paid on that day; history records both', async () => {
    const { invoiceId } = await sentInvoice(db(), t);
    await pay(invoiceId, 400000, today, 'bankgiro', '12345');
    expect(await invoiceState(db(), invoiceId)).toMatchObject({ status: 'partly_paid', paid: 400000, credited: 0, paid_on: null });
    await pay(invoiceId, 550000, today, 'bank_transfer');
    expect(await invoiceState(db(), invoiceId)).toMatchObject({ status: 'paid', paid: 950000, paid_on: today });
    const events = await db().admin.query(`select event, details from invoice_events where invoice_id = $1 order by occurred_at, id`, [
      invoiceId,
    ]);
    expect(events.rows.map((r) => r.event).sort()).toEqual(['paid', 'payment_recorded', 'payment_recorded', 'sent']);
    expect(events.rows.find((r) => r.details.reference === '12345')?.details).toMatchObject({ amount_ore: 400000, method: 'bankgiro' });
  });

  it('an overpayment is recorded and shows as a negative outstanding', async () => {
    const { invoiceId } = await sentInvoice(db(), t);
    await pay(invoiceId, 1000000);
    const s = await invoiceState(db(), invoiceId);
    expect(s).toMatchObject({ status: 'paid', paid: 1000000 });
    expect(s.total - s.paid - s.credited).toBe(-50000);
  });

  it('refuses a date after today (Stockholm) and before the issue date, for the owner and the table owner', async () => {
    const { invoiceId } = await sentInvoice(db(), t);
    const future = await attempt(db(), { user: t.ownerId }, `select record_payment($1, 100, $2, 'bankgiro')`, [invoiceId, tomorrow]);
    expect(future.message).toBe('payment_date_in_future');
    expect(messageKeyFor(future)).toBe('db.paymentDateInFuture');
    const far = await attempt(db(), { user: t.ownerId }, `select record_payment($1, 100, '2027-01-15', 'bankgiro')`, [invoiceId]);
    expect(far.message).toBe('payment_date_in_future');
    const early = await attempt(db(), { user: t.ownerId }, `select record_payment($1, 100, '2015-06-01', 'bankgiro')`, [invoiceId]);
    expect(early.message).toBe('payment_date_before_issue');
    expect(messageKeyFor(early)).toBe('db.paymentDateBeforeIssue');
    const direct = await attemptAsAdmin(
      db(),
      `insert into invoice_payments (workspace_id, invoice_id, amount_ore, paid_on, method) values ($1, $2, 100, $3, 'other')`,
      [t.workspaceId, invoiceId, tomorrow],
    );
    expect(direct.message).toBe('payment_date_in_future');
    expect(await invoiceState(db(), invoiceId)).toMatchObject({ status: 'sent', paid: 0 });
  });

  it('refuses payments on drafts and credit notes, a non-positive amount and an unknown method', async () => {
    const { invoiceId, lineId } = await sentInvoice(db(), t);
    const noteId = await db().asUser(t.ownerId, async (c) => {
      const id = (await c.query(`select create_credit_note($1, array[$2]::uuid[]) as id`, [invoiceId, lineId])).rows[0].id;
      await c.query('select send_invoice($1)', [id]);
      return id as string;
    });
    for (const target of [t.draftInvoiceId, noteId]) {
      const result = await attempt(db(), { user: t.ownerId }, `select record_payment($1, 100, $2, 'bankgiro')`, [target, today]);
      expect(result.message).toBe('invoice_not_payable');
      expect(messageKeyFor(result)).toBe('db.invoiceNotPayable');
      expect((await attempt(db(), { user: t.ownerId }, `select mark_invoice_paid($1)`, [target])).message).toBe('invoice_not_payable');
    }
    const note = await invoiceState(db(), noteId);
    expect(note).toMatchObject({ status: 'sent', paid: 0, paid_on: null });
    const zero = await attempt(db(), { user: t.ownerId }, `select record_payment($1, 0, $2, 'bankgiro')`, [t.sentInvoiceId, today]);
    expect(messageKeyFor(zero)).toBe('db.paymentAmountPositive');
    const negative = await attempt(db(), { user: t.ownerId }, `select record_payment($1, -5, $2, 'bankgiro')`, [t.sentInvoiceId, today]);
    expect(messageKeyFor(negative)).toBe('db.paymentAmountPositive');
    const method = await attempt(db(), { user: t.ownerId }, `select record_payment($1, 5, $2, 'swish')`, [t.sentInvoiceId, today]);
    expect(messageKeyFor(method)).toBe('db.paymentMethodInvalid');
    const newline = await attempt(db(), { user: t.ownerId }, `select record_payment($1, 5, $2, 'bankgiro', $3)`, [
      t.sentInvoiceId,
      today,
      'rad 1\nrad 2',
    ]);
    expect(messageKeyFor(newline)).toBe('db.paymentReferenceInvalid');
  });

  it('mark paid pays what is outstanding, dated today, in one click', async () => {
    const { invoiceId } = await sentInvoice(db(), t);
    await pay(invoiceId, 150000);
    await db().asUser(t.ownerId, (c) => c.query('select mark_invoice_paid($1)', [invoiceId]));
    expect(await invoiceState(db(), invoiceId)).toMatchObject({ status: 'paid', paid: 950000, paid_on: today });
    const { rows } = await db().admin.query(
      `select amount_ore::int as a, paid_on::text as d, method from invoice_payments where invoice_id = $1 order by created_at, amount_ore`,
      [invoiceId],
    );
    expect(rows).toContainEqual({ a: 800000, d: today, method: 'other' });
    expect((await attempt(db(), { user: t.ownerId }, `select mark_invoice_paid($1)`, [invoiceId])).message).toBe('invoice_not_payable');
  });

  it('a wrong payment is undone by a reversing record with a reason; the payment row stays as it was', async () => {
    const { invoiceId } = await sentInvoice(db(), t);
    const wrong = await pay(invoiceId, 950000, today, 'card', 'fel kund');
    expect((await invoiceState(db(), invoiceId)).status).toBe('paid');
    const noReason = await attempt(db(), { user: t.ownerId }, `select reverse_payment($1, '  ')`, [wrong.id]);
    expect(messageKeyFor(noReason)).toBe('db.paymentReversalReasonRequired');
    const reversal = await db().asUser(
      t.ownerId,
      async (c) => (await c.query(`select * from reverse_payment($1, 'Betalningen gällde en annan faktura')`, [wrong.id])).rows[0],
    );
    expect(Number(reversal.amount_ore)).toBe(-950000);
    expect(reversal.reverses_payment_id).toBe(wrong.id);
    expect(await invoiceState(db(), invoiceId)).toMatchObject({ status: 'sent', paid: 0, paid_on: null });
    const twice = await attempt(db(), { user: t.ownerId }, `select reverse_payment($1, 'igen')`, [wrong.id]);
    expect(twice.message).toBe('payment_already_reversed');
    expect(messageKeyFor(twice)).toBe('db.paymentAlreadyReversed');
    const ofReversal = await attempt(db(), { user: t.ownerId }, `select reverse_payment($1, 'igen')`, [reversal.id]);
    expect(ofReversal.message).toBe('payment_already_reversed');
    const kept = (await db().admin.query(`select amount_ore::int as a, method, reference from invoice_payments where id = $1`, [wrong.id]))
      .rows[0];
    expect(kept).toEqual({ a: 950000, method: 'card', reference: 'fel kund' });
    const events = await db().admin.query(`select event from invoice_events where invoice_id = $1 and event like 'payment%'`, [invoiceId]);
    expect(events.rows.map((r) => r.event).sort()).toEqual(['payment_recorded', 'payment_reversed']);
  });

  it('a reversal by hand must match the payment it undoes', async () => {
    const { invoiceId } = await sentInvoice(db(), t);
    const p = await pay(invoiceId, 1000);
    const half = await attemptAsAdmin(
      db(),
      `insert into invoice_payments (workspace_id, invoice_id, amount_ore, paid_on, method, reverses_payment_id, reason) values ($1, $2, -500, $3, 'other', $4, 'x')`,
      [t.workspaceId, invoiceId, today, p.id],
    );
    expect(half.message).toBe('payment_reversal_invalid');
    const other = await sentInvoice(db(), t);
    const elsewhere = await attemptAsAdmin(
      db(),
      `insert into invoice_payments (workspace_id, invoice_id, amount_ore, paid_on, method, reverses_payment_id, reason) values ($1, $2, -1000, $3, 'other', $4, 'x')`,
      [t.workspaceId, other.invoiceId, today, p.id],
    );
    expect(elsewhere.message).toBe('payment_reversal_invalid');
  });

  it('payments never change and are never deleted: owner, accountant, service_role and table owner', async () => {
    const { invoiceId } = await sentInvoice(db(), t);
    const p = await pay(invoiceId, 1000);
    const changes: [string, unknown[]][] = [
      ['update invoice_payments set amount_ore = 5 where id = $1', [p.id]],
      [`update invoice_payments set paid_on = '2020-01-01' where id = $1`, [p.id]],
      ['delete from invoice_payments where id = $1', [p.id]],
    ];
    for (const who of [{ user: t.ownerId }, { user: accountant }, { service: true as const }]) {
      for (const [sql, params] of changes) {
        const result = await attempt(db(), who, sql, params);
        expect(!result.ok || result.rowCount === 0, `${JSON.stringify(who)} ${sql}`).toBe(true);
      }
    }
    const service = await attempt(db(), { service: true }, changes[2][0], changes[2][1]);
    expect(service.constraint ?? service.rowCount).toSatisfy((v) => v === 'invoice_payments_append_only' || v === 0);
    for (const [sql, params] of changes) {
      const result = await attemptAsAdmin(db(), sql, params);
      expect(result.constraint, sql).toBe('invoice_payments_append_only');
      expect(messageKeyFor(result)).toBe('db.paymentAppendOnly');
    }
    expect((await attemptAsAdmin(db(), 'truncate invoice_payments cascade')).message).toBe('invoice_payments_append_only');
    // Nor can anyone write payments or the settled columns directly.
    const insert = await attempt(
      db(),
      { user: t.ownerId },
      `insert into invoice_payments (workspace_id, invoice_id, amount_ore, paid_on, method) values ($1, $2, 5, $3, 'other')`,
      [t.workspaceId, invoiceId, today],
    );
    expect(insert.code).toBe('42501');
    const forged = await attemptAsAdmin(db(), `update invoices set paid_ore = 950000, status = 'paid', paid_on = $2 where id = $1`, [
      invoiceId,
      today,
    ]);
    expect(forged.constraint).toBe('invoices_immutable');
    const forgedCredit = await attemptAsAdmin(db(), `update invoices set credited_ore = 950000, status = 'credited' where id = $1`, [
      invoiceId,
    ]);
    expect(forgedCredit.constraint).toBe('invoices_immutable');
    expect(await invoiceState(db(), invoiceId)).toMatchObject({ status: 'partly_paid', paid: 1000 });
    const audit = await db().admin.query(`select action from audit_log where table_name = 'invoice_payments' and row_id = $1`, [p.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['insert']);
  });

  it('the accountant reads payments but cannot record, reverse or mark paid', async () => {
    const { invoiceId } = await sentInvoice(db(), t);
    const p = await pay(invoiceId, 2500);
    const seen = await attempt(db(), { user: accountant }, 'select amount_ore from invoice_payments where invoice_id = $1', [invoiceId]);
    expect(seen.rowCount).toBe(1);
    for (const [sql, params] of [
      [`select record_payment($1, 100, $2, 'bankgiro')`, [invoiceId, today]],
      [`select reverse_payment($1, 'nej')`, [p.id]],
      ['select mark_invoice_paid($1)', [invoiceId]],
    ] as [string, unknown[]][]) {
      expect((await attempt(db(), { user: accountant }, sql, params)).message, sql).toBe('invoice_not_found');
    }
    const stranger = await db().createUser();
    expect((await attempt(db(), { user: stranger }, 'select 1 from invoice_payments where invoice_id = $1', [invoiceId])).rowCount).toBe(0);
    expect((await attempt(db(), { anon: true }, `select record_payment($1, 100, $2, 'bankgiro')`, [invoiceId, today])).code).toBe('42501');
  });

  it('a retention run deletes payments with their expired invoice, and nothing else can', async () => {
    const fresh = await makeTenant(db());
    await db().asUser(fresh.ownerId, (c) => c.query(`select record_payment($1, 1000, $2, 'bankgiro')`, [fresh.sentInvoiceId, today]));
    const report = (await db().admin.query(`select private.run_retention(now() + interval '12 years') as r`)).rows[0].r;
    expect(report.invoices_deleted).toBeGreaterThan(0);
    const left = await db().admin.query('select 1 from invoice_payments where invoice_id = $1', [fresh.sentInvoiceId]);
    expect(left.rowCount).toBe(0);
  });

  it('property: payments, reversals and credit notes explain every state', async () => {
    type Step =
      { kind: 'pay'; amount: number } | { kind: 'reverse'; pick: number } | { kind: 'credit'; quantity: number } | { kind: 'markPaid' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 1_200_000 }) }),
      fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('credit' as const), quantity: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('markPaid' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const { invoiceId, lineId } = await sentInvoice(db(), t);
        for (const s of steps) {
          const open = (
            await db().admin.query(
              `select p.id from invoice_payments p where p.invoice_id = $1 and p.amount_ore > 0
               and not exists (select 1 from invoice_payments r where r.reverses_payment_id = p.id) order by p.created_at, p.id`,
              [invoiceId],
            )
          ).rows.map((r) => r.id as string);
          if (s.kind === 'credit') {
            // Credit s.quantity hours of what remains, through a draft edited to that quantity.
            await db()
              .asUser(t.ownerId, async (c) => {
                const id = (await c.query(`select create_credit_note($1, array[$2]::uuid[]) as id`, [invoiceId, lineId])).rows[0].id;
                await c.query(`update invoice_lines set quantity = greatest(quantity, -$2::numeric) where invoice_id = $1`, [
                  id,
                  s.quantity,
                ]);
                await c.query('select send_invoice($1)', [id]);
              })
              .catch(() => undefined);
          } else {
            const [sql, params]: [string, unknown[]] | [null, []] =
              s.kind === 'pay'
                ? [`select record_payment($1, $2, $3, 'bankgiro')`, [invoiceId, s.amount, today]]
                : s.kind === 'markPaid'
                  ? ['select mark_invoice_paid($1)', [invoiceId]]
                  : open.length
                    ? [`select reverse_payment($1, 'fel')`, [open[s.pick % open.length]]]
                    : [null, []];
            if (sql)
              await db()
                .asUser(t.ownerId, (c) => c.query(sql, params))
                .catch(() => undefined);
          }
          const state = await invoiceState(db(), invoiceId);
          const sums = (
            await db().admin.query(
              `select coalesce((select sum(amount_ore) from invoice_payments where invoice_id = $1), 0)::int as paid,
                    coalesce((select -sum(total_ore) from invoices where credits_invoice_id = $1 and status <> 'draft'), 0)::int as credited`,
              [invoiceId],
            )
          ).rows[0];
          expect(state.paid).toBe(sums.paid);
          expect(state.credited).toBe(sums.credited);
          expect(state.credited).toBeLessThanOrEqual(state.total);
          const expected =
            sums.credited > 0 && sums.credited >= state.total
              ? 'credited'
              : sums.paid > 0 && sums.paid + sums.credited >= state.total
                ? 'paid'
                : sums.paid > 0
                  ? 'partly_paid'
                  : 'sent';
          expect(state.status).toBe(expected);
          expect(state.paid_on === null).toBe(!(sums.paid > 0 && sums.paid + sums.credited >= state.total));
        }
      }),
      { numRuns: target === 'pglite' ? 15 : 25 },
    );
  }, 120_000);

  if (target === 'pg15') {
    it('twenty payments at once on separate connections: none is lost', async () => {
      const { invoiceId } = await sentInvoice(db(), t);
      const results = await db().asUserAtOnce(t.ownerId, 20, (c) =>
        c.query(`select record_payment($1, 10000, $2, 'bankgiro')`, [invoiceId, today]),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(await invoiceState(db(), invoiceId)).toMatchObject({ status: 'partly_paid', paid: 200000 });
      expect((await db().admin.query('select 1 from invoice_payments where invoice_id = $1', [invoiceId])).rowCount).toBe(20);
    });
  }
});
