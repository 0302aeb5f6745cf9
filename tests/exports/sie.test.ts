// The SIE 4I export read back with a parser written from the specification: the header records,
// every voucher balancing to zero, per-account totals equal to the invoices' amounts (credit notes
// reversed, each VAT treatment and the öresavrundning on its own account), configured accounts used, å ä ö round-tripping
// through CP437, and only what RLS shows the reader.
import { beforeAll, expect, it } from 'vitest';
import { buildSieExport } from '@/lib/exports/sie/export';
import { encodeSie, quote, sieAmount } from '@/lib/exports/sie/writer';
import { describeEachDatabase } from '../support/db';
import { addAccountant, addClient, addDraft, makeTenant, type Tenant } from '../db/fixtures';
import { parseSie, type SieFile } from './sie-parser';

const CLIENT_NAME = 'Åkesson & Öberg Målare AB';

describeEachDatabase('SIE 4I export', (db) => {
  let t: Tenant;
  let accountant: string;
  let expected: {
    total: number;
    byRate: Record<number, { taxable: number; vat: number }>;
    reverse: number;
    outsideEu: number;
    rounding: number;
    count: number;
  };

  beforeAll(async () => {
    t = await makeTenant(db());
    accountant = await addAccountant(db(), t.workspaceId);
    await db().asUser(t.ownerId, async (c) => {
      // Mixed rates on one invoice for a client with å ä ö in the name.
      const client = await addClient(c, t.workspaceId);
      await c.query(`update client_details set name = $2 where node_id = $1`, [client, CLIENT_NAME]);
      const mixed = await addDraft(c, t.workspaceId, client, { vatRate: 25 });
      await c.query(
        `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, vat_rate, vat_exemption_reason) values
           ($1, $2, 'Böcker', 3, 33333, 6, null), ($1, $2, 'Lunch', 1, 12345, 12, null), ($1, $2, 'Utbildningsdag', 1, 5000, 0, 'education')`,
        [t.workspaceId, mixed.invoiceId],
      );
      await c.query(`select send_invoice($1)`, [mixed.invoiceId]);
      await c.query(`select mark_invoice_paid($1)`, [mixed.invoiceId]);
      // Reverse charge to another EU country.
      const eu = await addClient(c, t.workspaceId, { reverseCharge: true, vat: 'DE123456789' });
      await c.query(`update client_details set country = 'DE', org_number = null where node_id = $1`, [eu]);
      const rc = await addDraft(c, t.workspaceId, eu, { vatRate: 0 });
      await c.query(`select send_invoice($1)`, [rc.invoiceId]);
      // Services to a buyer outside the EU.
      const norway = await addClient(c, t.workspaceId, { vat: 'NO923609016MVA' });
      await c.query(`update client_details set country = 'NO', org_number = null where node_id = $1`, [norway]);
      const outside = await addDraft(c, t.workspaceId, norway, { vatRate: 0 });
      await c.query(`select send_invoice($1)`, [outside.invoiceId]);
      // Rounded to whole kronor: 1 × 123,45 kr at 25 % = 154,31 kr → 154 kr.
      const rounded = await addDraft(c, t.workspaceId, client, { vatRate: 25 });
      await c.query(`update invoice_lines set quantity = 1, unit_price_ore = 12345 where invoice_id = $1`, [rounded.invoiceId]);
      await c.query(`update invoices set round_to_krona = true where id = $1`, [rounded.invoiceId]);
      await c.query(`select send_invoice($1)`, [rounded.invoiceId]);
      // A credit note of the fixture's sent invoice.
      const note = (await c.query(`select create_credit_note($1) as id`, [t.sentInvoiceId])).rows[0].id;
      await c.query(`select send_invoice($1)`, [note]);
    });
    const { rows } = await db().admin.query(
      `select total_ore::float8 as total, rounding_ore::float8 as rounding, vat_summary, vat_treatment
         from invoices where workspace_id = $1 and status <> 'draft'`,
      [t.workspaceId],
    );
    expected = { total: 0, byRate: {}, reverse: 0, outsideEu: 0, rounding: 0, count: rows.length };
    for (const r of rows) {
      expected.total += r.total;
      expected.rounding += r.rounding;
      for (const v of r.vat_summary) {
        if (r.vat_treatment === 'eu_reverse_charge') expected.reverse += v.taxable_ore;
        else if (r.vat_treatment === 'outside_eu') expected.outsideEu += v.taxable_ore;
        else {
          const slot = (expected.byRate[v.vat_rate] ??= { taxable: 0, vat: 0 });
          slot.taxable += v.taxable_ore;
          slot.vat += v.vat_ore;
        }
      }
    }
  });

  const exportAs = async (userId: string, filter = {}) =>
    db().asUser(userId, async (c) => parseSie((await buildSieExport(c, t.workspaceId, filter, new Date('2026-11-23T10:00:00Z'))).bytes));

  const totals = (file: SieFile) => {
    const sums = new Map<string, number>();
    for (const v of file.vers) for (const tr of v.trans) sums.set(tr.account, (sums.get(tr.account) ?? 0) + tr.amountOre);
    return sums;
  };

  it('writes the header records the specification requires', async () => {
    const file = await exportAs(accountant);
    expect(file.records.slice(0, 5).map((r) => r.label)).toEqual(['#FLAGGA', '#PROGRAM', '#FORMAT', '#GEN', '#SIETYP']);
    expect(file.first('#FLAGGA')).toEqual(['0']);
    expect(file.first('#PROGRAM')).toEqual(['Konsultverkstad', '1.0']);
    expect(file.first('#FORMAT')).toEqual(['PC8']);
    expect(file.first('#GEN')).toEqual(['20261123']);
    expect(file.first('#SIETYP')).toEqual(['4']);
    expect(file.first('#ORGNR')?.[0]).toMatch(/^\d{6}-\d{4}$/);
    expect(file.first('#FNAMN')).toEqual(['Testkonsult Enskild Firma']);
    expect(file.accounts.get('1510')).toBe('Kundfordringar');
  });

  it('books every invoice as a balanced voucher whose account totals match the invoices', async () => {
    const file = await exportAs(accountant);
    expect(file.vers).toHaveLength(expected.count);
    for (const v of file.vers)
      expect(
        v.trans.reduce((s, tr) => s + tr.amountOre, 0),
        v.text,
      ).toBe(0);
    const sums = totals(file);
    expect(sums.get('1510')).toBe(expected.total);
    expect(sums.get('3001')).toBe(-expected.byRate[25].taxable);
    expect(sums.get('2611')).toBe(-expected.byRate[25].vat);
    expect(sums.get('3002')).toBe(-expected.byRate[12].taxable);
    expect(sums.get('2621')).toBe(-expected.byRate[12].vat);
    expect(sums.get('3003')).toBe(-expected.byRate[6].taxable);
    expect(sums.get('2631')).toBe(-expected.byRate[6].vat);
    expect(sums.get('3004')).toBe(-expected.byRate[0].taxable);
    expect(sums.get('3308')).toBe(-expected.reverse);
    expect(expected.outsideEu).toBeGreaterThan(0);
    expect(sums.get('3305')).toBe(-expected.outsideEu);
    expect(expected.rounding).toBe(-31);
    expect(sums.get('3740')).toBe(31);
    // Every account booked on is declared.
    for (const account of sums.keys()) expect(file.accounts.has(account), account).toBe(true);
  });

  it('reverses credit notes: receivable credited, sales and VAT debited', async () => {
    const file = await exportAs(accountant, { kind: 'credit_note' });
    expect(file.vers).toHaveLength(1);
    const [note] = file.vers;
    expect(note.text).toMatch(/^Kreditnota \d+ Provkund AB$/);
    const byAccount = Object.fromEntries(note.trans.map((tr) => [tr.account, tr.amountOre]));
    expect(byAccount).toEqual({ '1510': -950000, '3001': 760000, '2611': 190000 });
  });

  it('round-trips å ä ö through CP437 and escapes quotes', async () => {
    const file = await exportAs(accountant);
    expect(file.vers.some((v) => v.text.endsWith(CLIENT_NAME))).toBe(true);
    expect(file.accounts.get('3001')).toBe('Försäljning inom Sverige, 25 % moms');
    const bytes = encodeSie(`#FNAMN ${quote('Citat "AB" Åäö\\')}\r\n`);
    expect([...bytes.subarray(-8, -5)]).toEqual([0x8f, 0x84, 0x94]); // Å ä ö in CP437
    expect(parseSie(bytes).first('#FNAMN')).toEqual(['Citat "AB" Åäö\\']);
  });

  it('uses the accounts the owner configured', async () => {
    await db().asUser(t.ownerId, (c) =>
      c.query(`insert into sie_accounts (workspace_id, receivable, sales_25) values ($1, 1511, 3011)`, [t.workspaceId]),
    );
    const sums = totals(await exportAs(accountant));
    expect(sums.get('1511')).toBe(expected.total);
    expect(sums.get('3011')).toBe(-expected.byRate[25].taxable);
    expect(sums.has('1510')).toBe(false);
    await db().admin.query(`delete from sie_accounts where workspace_id = $1`, [t.workspaceId]);
  });

  it('filters by period and shows another tenant nothing', async () => {
    expect((await exportAs(accountant, { from: '2001-01-01', to: '2001-12-31' })).vers).toEqual([]);
    const other = await db().createUser();
    expect((await exportAs(other)).vers).toEqual([]);
  });

  it('formats amounts exactly', () => {
    expect([sieAmount(123450), sieAmount(-5), sieAmount(0), sieAmount(100)]).toEqual(['1234.50', '-0.05', '0.00', '1.00']);
  });
});
