// Payments from the bank's file into the books (issue 19, item 3): import proposes, booking
// records invoice payments (partly paid and overpaid shown as such), the same file or the same
// payments in another file book nothing twice, a malformed file keeps nothing, and a payment can
// never be booked on another workspace's invoice (RLS and the composite keys), as any role.
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { messageKeyFor } from '../../lib/db/constraint-messages';
import { bookBankImport, importBankFile, placeBankPayment } from '../../lib/payments/import';
import { bgmaxFile, camtFile, type BgDeposit } from '../support/bank-files';
import { describeEachDatabase, type TestDatabase } from '../support/db';
import { addDraft, attempt, makeTenant, type Tenant } from './fixtures';

const bytes = (text: string) => () =>
  (async function* () {
    yield Buffer.from(text, 'latin1');
  })();

async function sentInvoices(db: TestDatabase, t: Tenant, n: number) {
  return db.asUser(t.ownerId, async (c) => {
    const out: { id: string; ocr: string; total: number }[] = [];
    for (let i = 0; i < n; i++) {
      const d = await addDraft(c, t.workspaceId, t.clientId);
      const { rows } = await c.query(`select id, ocr_reference as ocr, total_ore::int as total from send_invoice($1)`, [d.invoiceId]);
      out.push(rows[0]);
    }
    return out;
  });
}

const todayCompact = async (db: TestDatabase) =>
  (await db.admin.query(`select to_char(private.stockholm_today(), 'YYYYMMDD') as d`)).rows[0].d as string;

describeEachDatabase('bank file imports', (db) => {
  let t: Tenant;
  let other: Tenant;
  let today: string;
  let serial = 1;
  beforeAll(async () => {
    t = await makeTenant(db());
    other = await makeTenant(db());
    today = await todayCompact(db());
  });
  const run = (tenant: Tenant, name: string, text: string) =>
    db().asUser(tenant.ownerId, (c) =>
      importBankFile(c, { workspaceId: tenant.workspaceId, userId: tenant.ownerId, fileName: name, open: bytes(text) }),
    );
  const book = (tenant: Tenant, importId: string) => db().asUser(tenant.ownerId, (c) => bookBankImport(c, importId));
  const state = async (id: string) =>
    (await db().admin.query(`select status, paid_ore::int as paid, total_ore::int as total from invoices where id = $1`, [id])).rows[0];

  it('import proposes by OCR, booking records the payments: paid, partly paid, overpaid; unmatched and deductions stay listed', async () => {
    const [a, b, c] = await sentInvoices(db(), t, 3);
    const file = bgmaxFile([
      {
        date: today,
        payments: [
          { ref: a.ocr, ore: a.total, serial: serial++ },
          { ref: b.ocr, ore: 100000, serial: serial++ },
          { ref: c.ocr, ore: c.total + 5000, serial: serial++ },
          { ref: '999999', ore: 4200, serial: serial++, name: 'Okänd Betalare' },
          { ref: a.ocr, ore: 1000, serial: serial++, deduction: true },
        ],
      },
    ]);
    const summary = await run(t, 'bgmax.txt', file);
    expect(summary).toMatchObject({ format: 'bgmax', payments: 5, matched: 3, alreadyImported: 0 });
    expect(await state(a.id)).toMatchObject({ status: 'sent', paid: 0 }); // nothing booked before the review
    expect(await book(t, summary.importId)).toBe(3);
    expect(await state(a.id)).toMatchObject({ status: 'paid', paid: a.total });
    expect(await state(b.id)).toMatchObject({ status: 'partly_paid', paid: 100000 });
    expect(await state(c.id)).toMatchObject({ status: 'paid', paid: c.total + 5000 });
    const rest = await db().admin.query(
      `select kind, amount_ore::int as amount, payment_id from bank_import_payments where import_id = $1 and payment_id is null order by position`,
      [summary.importId],
    );
    expect(rest.rows.map((r) => [r.kind, r.amount])).toEqual([
      ['payment', 4200],
      ['deduction', -1000],
    ]);
    // Booking again books nothing more.
    expect(await book(t, summary.importId)).toBe(0);
  });

  it('the same file twice is refused; the same payments in another file are not taken again; a bad file keeps nothing', async () => {
    const [a] = await sentInvoices(db(), t, 1);
    const deposit: BgDeposit = { date: today, payments: [{ ref: a.ocr, ore: 100000, serial: serial++ }] };
    const first = await run(t, 'a.txt', bgmaxFile([deposit]));
    expect(await book(t, first.importId)).toBe(1);
    const twice = await run(t, 'a-again.txt', bgmaxFile([deposit])).catch((e) => e);
    expect(messageKeyFor(twice)).toBe('db.bankFileAlreadyImported');
    const extra = { ref: a.ocr, ore: 20000, serial: serial++ };
    const overlapping = await run(t, 'b.txt', bgmaxFile([{ ...deposit, payments: [...deposit.payments, extra] }]));
    expect(overlapping).toMatchObject({ payments: 2, alreadyImported: 1 });
    expect(await book(t, overlapping.importId)).toBe(1);
    expect(await state(a.id)).toMatchObject({ status: 'partly_paid', paid: 120000 });

    const before = (await db().admin.query(`select count(*)::int as n from bank_imports`)).rows[0].n;
    const broken = await run(t, 'c.txt', bgmaxFile([{ ...deposit, amountOre: 1 }])).catch((e) => e);
    expect(broken).toMatchObject({ reason: 'depositMismatch', where: 'rad 4' });
    expect((await db().admin.query(`select count(*)::int as n from bank_imports`)).rows[0].n).toBe(before);
  });

  it('camt.054: matched by OCR, placed by hand, booked', async () => {
    const [a, b] = await sentInvoices(db(), t, 2);
    const day = `${today.slice(0, 4)}-${today.slice(4, 6)}-${today.slice(6)}`;
    const total = ((a.total + 30000) / 100).toFixed(2);
    const summary = await run(
      t,
      'camt.xml',
      camtFile([
        {
          amount: total,
          date: day,
          txs: [
            { ref: `C${serial++}`, amount: (a.total / 100).toFixed(2), ocr: a.ocr },
            { ref: `C${serial++}`, amount: '300.00', name: 'Någon' },
          ],
        },
      ]),
    );
    expect(summary).toMatchObject({ format: 'camt054', payments: 2, matched: 1 });
    const loose = (
      await db().admin.query(`select id from bank_import_payments where import_id = $1 and matched_invoice_id is null`, [summary.importId])
    ).rows[0].id;
    await db().asUser(t.ownerId, (c) => placeBankPayment(c, loose, b.id));
    expect(await book(t, summary.importId)).toBe(2);
    expect(await state(a.id)).toMatchObject({ status: 'paid' });
    expect(await state(b.id)).toMatchObject({ status: 'partly_paid', paid: 30000 });
    const again = await attempt(db(), { user: t.ownerId }, `select place_bank_payment($1, null)`, [loose]);
    expect(messageKeyFor(again)).toBe('db.bankPaymentBooked');
  });

  it('a file for an account that is not the workspace’s is refused whole, naming the account: OCR numbers repeat between businesses', async () => {
    const [a] = await sentInvoices(db(), t, 1);
    const mine: BgDeposit = { date: today, payments: [{ ref: a.ocr, ore: a.total, serial: serial++ }] };
    const theirs: BgDeposit = { date: today, payments: [{ ref: a.ocr, ore: a.total, serial: serial++ }] };
    // Two deposits: the first into the profile's bankgiro (5050-1055), the second into another one.
    const mixed = bgmaxFile([mine, { ...theirs, receiver: '9912346' }]);
    expect(await run(t, 'blandad.txt', mixed).catch((e) => e)).toMatchObject({
      reason: 'accountNotOurs',
      where: 'rad 6',
      detail: '9912346',
    });
    const day = `${today.slice(0, 4)}-${today.slice(4, 6)}-${today.slice(6)}`;
    const camt = camtFile(
      [{ amount: '1.00', date: day, txs: [{ ref: `C${serial++}`, amount: '1.00', ocr: a.ocr }] }],
      'SE3550000000054910000003',
    );
    expect(await run(t, 'annan.xml', camt).catch((e) => e)).toMatchObject({ reason: 'accountNotOurs', detail: 'SE3550000000054910000003' });
    const kept = await db().admin.query(
      `select count(*)::int as n from bank_imports where workspace_id = $1 and file_name in ('blandad.txt', 'annan.xml')`,
      [t.workspaceId],
    );
    expect(kept.rows[0].n).toBe(0);
    expect(await state(a.id)).toMatchObject({ status: 'sent' });
  });

  it('a payment can never be booked on another workspace’s invoice: not by proposal, placement, insert or booking', async () => {
    const [theirs] = await sentInvoices(db(), other, 1);
    // Their OCR in my file matches nothing of mine.
    const mine = await run(t, 'x.txt', bgmaxFile([{ date: today, payments: [{ ref: theirs.ocr, ore: 500, serial: serial++ }] }]));
    expect(mine.matched).toBe(0);
    const row = (await db().admin.query(`select id from bank_import_payments where import_id = $1`, [mine.importId])).rows[0].id;
    const placed = await attempt(db(), { user: t.ownerId }, `select place_bank_payment($1, $2)`, [row, theirs.id]);
    expect(placed).toMatchObject({ ok: false, message: 'invoice_not_found' });
    const inserted = await attempt(
      db(),
      { user: t.ownerId },
      `insert into bank_import_payments (workspace_id, import_id, kind, source_ref, position, amount_ore, paid_on, method, matched_invoice_id, match_rule)
       values ($1, $2, 'payment', 'forged', 'rad 1', 500, current_date, 'bankgiro', $3, 'manual')`,
      [t.workspaceId, mine.importId, theirs.id],
    );
    expect(inserted.ok).toBe(false);
    const intoTheirs = await attempt(
      db(),
      { user: t.ownerId },
      `insert into bank_import_payments (workspace_id, import_id, kind, source_ref, position, amount_ore, paid_on, method)
       values ($1, $2, 'payment', 'forged', 'rad 1', 500, current_date, 'bankgiro')`,
      [other.workspaceId, mine.importId],
    );
    expect(intoTheirs.ok).toBe(false);
    // Not even the table owner can point a row at another workspace's invoice (composite key).
    const asOwner = await db()
      .admin.query(`update bank_import_payments set matched_invoice_id = $2, match_rule = 'manual' where id = $1`, [row, theirs.id])
      .catch((e) => e);
    expect(asOwner).toBeInstanceOf(Error);
    const booked = await attempt(db(), { user: other.ownerId }, `select book_bank_import($1)`, [mine.importId]);
    expect(booked).toMatchObject({ ok: false, message: 'bank_import_not_found' });
    expect(await state(theirs.id)).toMatchObject({ status: 'sent', paid: 0 });
  });

  it('property: booking never records more than the file holds, nor a payment twice, however often it is imported and booked', async () => {
    const invoices = await sentInvoices(db(), t, 4);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ inv: fc.integer({ min: 0, max: 4 }), ore: fc.integer({ min: 1, max: 2_000_000 }), repeat: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (rows) => {
          const payments = rows.map((r) => ({ ref: r.inv < 4 ? invoices[r.inv].ocr : '42', ore: r.ore, serial: serial++ }));
          const fileTotal = payments.reduce((s, p) => s + p.ore, 0);
          const text = bgmaxFile([{ date: today, payments }]);
          const first = await run(t, 'p.txt', text);
          await book(t, first.importId);
          expect(await book(t, first.importId)).toBe(0);
          // The same payments again, in a file that differs in its bytes.
          const again = await run(
            t,
            'p2.txt',
            bgmaxFile([{ date: today, payments: [...payments, { ref: '42', ore: 1, serial: serial++ }] }]),
          );
          expect(await book(t, again.importId)).toBe(0);
          const { rows: booked } = await db().admin.query(
            `select coalesce(sum(p.amount_ore), 0)::int as sum, count(*)::int as n, count(distinct b.source_ref)::int as distinct_refs
               from bank_import_payments b join invoice_payments p on p.id = b.payment_id where b.source_ref = any($1)`,
            [
              payments.map(
                (p) =>
                  `bgmax:50501055:${today.slice(0, 4)}-${today.slice(4, 6)}-${today.slice(6)}:${String(p.serial).padStart(12, '0')}:payment`,
              ),
            ],
          );
          expect(booked[0].sum).toBeLessThanOrEqual(fileTotal);
          expect(booked[0].n).toBe(booked[0].distinct_refs);
          expect(booked[0].n).toBeLessThanOrEqual(payments.filter((p) => p.ref !== '42').length);
        },
      ),
      { numRuns: 8 },
    );
  });
});
