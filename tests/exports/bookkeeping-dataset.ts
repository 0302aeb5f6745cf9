// One consultant's bookkeeping across a fiscal year that starts in May (2025-05-01..2026-04-30),
// with every VAT treatment, a credit note, partial and late payments, an invoice unpaid at year
// end and one from the year before; used by the SIE and report suites, whose figures are worked
// out by hand from what is listed here. Invoices are sent as the owner and then dated back as the
// table owner (triggers paused), since sending always dates an invoice today.
import type pg from 'pg';
import type { TestDatabase } from '../support/db';
import { addAccountant, addClient, addDraft, makeTenant } from '../db/fixtures';

/** [quantity, unit price in öre, VAT rate, exemption reason] */
type Line = [number, number, number, string?];

export interface Dataset {
  ownerId: string;
  accountantId: string;
  workspaceId: string;
  /** Invoice ids by the letters below. */
  ids: Record<string, string>;
  numbers: Record<string, number>;
}

export const EU_BUYER_VAT = 'DE123456789';
export const EU_BUYER2_VAT = 'FR40303265045';
export const TRICKY_CLIENT = 'Łódź "Öl" \\ Åkesson & Ωmega Konsult Aktiebolag med ett långt namn';

async function invoiceWith(c: pg.PoolClient, workspaceId: string, clientId: string, lines: Line[], roundToKrona = false) {
  const draft = await addDraft(c, workspaceId, clientId);
  const [first, ...rest] = lines;
  await c.query(`update invoice_lines set quantity = $2, unit_price_ore = $3, vat_rate = $4, vat_exemption_reason = $5 where id = $1`, [
    draft.lineId,
    first[0],
    first[1],
    first[2],
    first[3] ?? null,
  ]);
  for (const [q, p, rate, reason] of rest)
    await c.query(
      `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, vat_rate, vat_exemption_reason)
       values ($1, $2, 'Rad', $3, $4, $5, $6)`,
      [workspaceId, draft.invoiceId, q, p, rate, reason ?? null],
    );
  if (roundToKrona) await c.query(`update invoices set round_to_krona = true where id = $1`, [draft.invoiceId]);
  await c.query(`select send_invoice($1)`, [draft.invoiceId]);
  return draft.invoiceId;
}

/** Dates a sent document back to `day` (its sending at noon that day), as the table owner. */
export async function backdate(db: TestDatabase, id: string, day: string) {
  const c = await db.admin.connect();
  try {
    await c.query('begin');
    await c.query('set local session_replication_role = replica');
    await c.query(
      `update invoices set issue_date = $2::date, due_date = case when kind = 'invoice' then $2::date + 30 end,
         sent_at = $2::date + interval '12 hours' where id = $1`,
      [id, day],
    );
    await c.query('commit');
  } finally {
    c.release();
  }
}

export async function buildDataset(db: TestDatabase): Promise<Dataset> {
  const t = await makeTenant(db);
  const accountantId = await addAccountant(db, t.workspaceId);
  const ids: Record<string, string> = {};
  await db.asUser(t.ownerId, async (c) => {
    await c.query(
      `update business_profiles set fiscal_year_start_month = 5, phone = '08-123 45 67', email = 'firma@example.test' where workspace_id = $1`,
      [t.workspaceId],
    );
    const domestic = await addClient(c, t.workspaceId);
    await c.query(`update client_details set name = $2 where node_id = $1`, [domestic, TRICKY_CLIENT]);
    const eu = await addClient(c, t.workspaceId, { reverseCharge: true, vat: EU_BUYER_VAT });
    await c.query(`update client_details set country = 'DE', org_number = null, name = 'Berlin GmbH' where node_id = $1`, [eu]);
    const eu2 = await addClient(c, t.workspaceId, { reverseCharge: true, vat: EU_BUYER2_VAT });
    await c.query(`update client_details set country = 'FR', org_number = null, name = 'Paris SARL' where node_id = $1`, [eu2]);
    const norway = await addClient(c, t.workspaceId, { vat: 'NO923609016MVA' });
    await c.query(`update client_details set country = 'NO', org_number = null, name = 'Oslo AS' where node_id = $1`, [norway]);

    // P: 1 000 kr + 25 %, from the year before, paid in this one.
    ids.P = await invoiceWith(c, t.workspaceId, domestic, [[1, 100000, 25]]);
    // A: every domestic rate and an exempt line: net 1 000 + 200 + 100 + 300, VAT 250 + 24 + 6.
    ids.A = await invoiceWith(c, t.workspaceId, domestic, [
      [2, 50000, 25],
      [1, 20000, 12],
      [1, 10000, 6],
      [1, 30000, 0, 'education'],
    ]);
    // B: 800 kr + 25 %, 400 kr paid before year end, 600 kr after.
    ids.B = await invoiceWith(c, t.workspaceId, domestic, [[1, 80000, 25]]);
    // C: 1 500 kr of services to a German business (reverse charge), paid.
    ids.C = await invoiceWith(c, t.workspaceId, eu, [[1, 150000, 0]]);
    // D: 700 kr of services to a Norwegian buyer, unpaid.
    ids.D = await invoiceWith(c, t.workspaceId, norway, [[1, 70000, 0]]);
    // E: 400 kr + 25 %, wholly credited before anything was paid.
    ids.E = await invoiceWith(c, t.workspaceId, domestic, [[1, 40000, 25]]);
    ids.E_credit = (await c.query(`select create_credit_note($1) as id`, [ids.E])).rows[0].id;
    await c.query(`select send_invoice($1)`, [ids.E_credit]);
    // R: 123,45 kr + 25 % = 154,31 kr, rounded to 154 kr (öresavrundning −0,31), paid.
    ids.R = await invoiceWith(c, t.workspaceId, domestic, [[1, 12345, 25]], true);
    // H: 250 kr of services to a French business, unpaid.
    ids.H = await invoiceWith(c, t.workspaceId, eu2, [[1, 25000, 0]]);
  });
  const dates: Record<string, string> = {
    P: '2025-04-20',
    A: '2025-06-10',
    B: '2026-03-15',
    C: '2025-09-01',
    D: '2026-01-10',
    E: '2025-11-05',
    E_credit: '2025-11-20',
    R: '2025-12-01',
    H: '2026-02-01',
  };
  for (const [k, day] of Object.entries(dates)) await backdate(db, ids[k], day);
  await db.asUser(t.ownerId, async (c) => {
    const pay = (id: string, ore: number, day: string) => c.query(`select record_payment($1, $2, $3, 'bankgiro')`, [id, ore, day]);
    await pay(ids.P, 125000, '2025-05-10');
    await pay(ids.A, 188000, '2025-07-01');
    await pay(ids.B, 40000, '2026-04-10');
    await pay(ids.B, 60000, '2026-05-05');
    await pay(ids.C, 150000, '2025-10-01');
    await pay(ids.R, 15400, '2025-12-15');
  });
  const { rows } = await db.admin.query(`select id, number::int from invoices where id = any($1::uuid[])`, [Object.values(ids)]);
  const numbers = Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, rows.find((r) => r.id === id).number]));
  return { ownerId: t.ownerId, accountantId, workspaceId: t.workspaceId, ids, numbers };
}

/** Sets the bookkeeping method (and a voucher series) as the owner. */
export async function useMethod(db: TestDatabase, d: Dataset, method: 'invoice' | 'cash', series = 'KV') {
  await db.asUser(d.ownerId, (c) =>
    c.query(
      `insert into sie_accounts (workspace_id, bookkeeping_method, voucher_series) values ($1, $2, $3)
       on conflict (workspace_id) do update set bookkeeping_method = excluded.bookkeeping_method, voucher_series = excluded.voucher_series`,
      [d.workspaceId, method, series],
    ),
  );
}
