// VAT treatment per invoice, exemption reasons, discount lines and öresavrundning: the treatment
// a draft gets from its client, every refusal at send (a trigger, so it holds for the table
// owner and service_role too) and the amounts a sent invoice freezes.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeTotals, VAT_RATES } from '../../lib/invoices/totals';
import { messageKeyFor } from '../../lib/db/constraint-messages';
import { describeEachDatabase } from '../support/db';
import { addClient, attempt, attemptAsAdmin, makeTenant, withLuhn, type Tenant } from './fixtures';

interface Line {
  quantity: number | string;
  price: number;
  vat: number;
  kind?: 'item' | 'discount';
  reason?: string | null;
}

describeEachDatabase('invoice VAT treatment', (db) => {
  let t: Tenant;
  beforeAll(async () => {
    t = await makeTenant(db());
  });

  /** A client in the given country (org number free text outside Sweden). */
  const client = (country: string, vat: string | null) =>
    db().asUser(t.ownerId, async (c) => {
      const id = await addClient(c, t.workspaceId, { vat: null });
      await c.query(
        `update client_details set country = $2, vat_number = $3, org_number = case when $2 = 'SE' then org_number end where node_id = $1`,
        [id, country, vat],
      );
      return id;
    });

  const addLines = (c: pg.PoolClient, invoiceId: string, lines: Line[]) =>
    Promise.all(
      lines.map((l, i) =>
        c.query(
          `insert into invoice_lines (workspace_id, invoice_id, position, description, quantity, unit_price_ore, vat_rate, line_kind, vat_exemption_reason)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            t.workspaceId,
            invoiceId,
            i,
            l.kind === 'discount' ? 'Rabatt' : 'Konsulttimmar',
            l.quantity,
            l.price,
            l.vat,
            l.kind ?? 'item',
            l.reason ?? null,
          ],
        ),
      ),
    );

  /** A draft on the client with the lines; returns its id. */
  const draft = (clientId: string, lines: Line[], set: Record<string, unknown> = {}) =>
    db().asUser(t.ownerId, async (c) => {
      const id = randomUUID();
      await c.query(`insert into invoices (id, workspace_id, client_node_id) values ($1, $2, $3)`, [id, t.workspaceId, clientId]);
      for (const l of lines) await addLines(c, id, [l]);
      for (const [column, value] of Object.entries(set)) await c.query(`update invoices set ${column} = $2 where id = $1`, [id, value]);
      return id;
    });

  const row = async (id: string) => (await db().admin.query(`select * from invoices where id = $1`, [id])).rows[0];

  /** send_invoice as the owner: the refusal's codes (detail), or null when it was sent. */
  const sendCodes = async (id: string): Promise<string[] | null> => {
    try {
      await db().asUser(t.ownerId, (c) => c.query(`select send_invoice($1)`, [id]));
      return null;
    } catch (error) {
      const e = error as pg.DatabaseError;
      expect(e.code).toBe('23514');
      expect(e.message).toBe(`invoice_incomplete:${e.detail?.split(',')[0]}`);
      return e.detail?.split(',') ?? [];
    }
  };

  const consult = (vat: number, extra: Partial<Line> = {}): Line => ({ quantity: 8, price: 95_000, vat, ...extra });

  describe('the treatment a draft gets from its client, changeable on the draft', () => {
    it('Sweden → domestic, EU with VAT number → reverse charge, EU without → domestic, outside the EU → outside_eu', async () => {
      const cases: [string, string | null, string][] = [
        ['SE', 'SE556677889901', 'domestic'],
        ['DE', 'DE123456789', 'eu_reverse_charge'],
        ['FI', null, 'domestic'],
        ['NO', 'NO923609016MVA', 'outside_eu'],
        ['US', null, 'outside_eu'],
      ];
      for (const [country, vat, expected] of cases) {
        const inv = await row(await draft(await client(country, vat), []));
        expect([country, inv.vat_treatment, inv.reverse_charge]).toEqual([country, expected, expected === 'eu_reverse_charge']);
      }
    });

    it('the owner changes it on the draft and reverse_charge follows; the old flag still picks a treatment', async () => {
      const id = await draft(await client('DE', 'DE123456789'), []);
      await db().asUser(t.ownerId, (c) => c.query(`update invoices set vat_treatment = 'domestic' where id = $1`, [id]));
      expect((await row(id)).reverse_charge).toBe(false);
      await db().asUser(t.ownerId, (c) => c.query(`update invoices set reverse_charge = true where id = $1`, [id]));
      expect((await row(id)).vat_treatment).toBe('eu_reverse_charge');
      const refused = await attempt(db(), { user: t.ownerId }, `update invoices set vat_treatment = 'zero' where id = $1`, [id]);
      expect(refused.constraint).toBe('invoices_vat_treatment_valid');
      expect(messageKeyFor(refused)).toBe('db.vatTreatmentInvalid');
    });
  });

  describe('services to a business in another EU country', () => {
    it('sends at 0 % with both VAT numbers frozen and reverse_charge set', async () => {
      const id = await draft(await client('DE', 'DE123456789'), [consult(0)]);
      expect(await sendCodes(id)).toBeNull();
      const inv = await row(id);
      expect([inv.vat_treatment, inv.reverse_charge, Number(inv.vat_ore)]).toEqual(['eu_reverse_charge', true, 0]);
      expect(inv.buyer_snapshot.vat_number).toBe('DE123456789');
      expect(inv.seller_snapshot.vat_number).toMatch(/^SE\d{10}01$/);
    });

    it('a line added at 25 % to a reverse-charge draft carries 0 %', async () => {
      const id = await draft(await client('DE', 'DE123456789'), [consult(25)]);
      expect((await db().admin.query(`select vat_rate from invoice_lines where invoice_id = $1`, [id])).rows).toEqual([{ vat_rate: 0 }]);
    });

    it('refuses a buyer VAT number in another format than the buyer country’s', async () => {
      for (const [country, vat] of [
        ['DE', 'DE12345678'], // eight digits: Germany has nine
        ['DE', 'FR12345678901'], // a French number for a German buyer
        ['NL', 'NL123456789'], // no B01 suffix
        ['GR', 'GR123456789'], // Greece uses EL
      ]) {
        const id = await draft(await client(country, vat), [consult(0)], { vat_treatment: 'eu_reverse_charge' });
        expect(await sendCodes(id), `${country} ${vat}`).toEqual(['buyer_vat_number_format']);
      }
      const greek = await draft(await client('GR', 'EL123456789'), [consult(0)]);
      expect(await sendCodes(greek)).toBeNull();
    });

    it('refuses VAT on a line, and reverse charge to a buyer outside the EU or in Sweden', async () => {
      const taxed = await draft(await client('DE', 'DE123456789'), [], { vat_treatment: 'domestic' });
      await db().asUser(t.ownerId, async (c) => {
        await addLines(c, taxed, [consult(25)]);
        await c.query(`update invoices set vat_treatment = 'eu_reverse_charge' where id = $1`, [taxed]);
      });
      expect(await sendCodes(taxed)).toEqual(['reverse_charge_zero_vat']);
      const norway = await draft(await client('NO', 'NO923609016MVA'), [consult(0)], { vat_treatment: 'eu_reverse_charge' });
      expect(await sendCodes(norway)).toEqual(['eu_buyer_country']);
      const sweden = await draft(await client('SE', 'SE556677889901'), [consult(0)], { vat_treatment: 'eu_reverse_charge' });
      expect(await sendCodes(sweden)).toEqual(['eu_buyer_country']);
    });
  });

  describe('services to a buyer outside the EU', () => {
    it('a Norwegian buyer flagged for reverse charge is sent as outside the EU, not as EU reverse charge', async () => {
      const norway = await client('NO', 'NO923609016MVA');
      await db().asUser(t.ownerId, (c) => c.query(`update client_details set reverse_charge = true where node_id = $1`, [norway]));
      const id = await draft(norway, [consult(0)]);
      // The app's draft once copied the client's flag onto the invoice; that no longer makes it EU.
      const copied = await db().asUser(
        t.ownerId,
        async (c) =>
          (
            await c.query(
              `insert into invoices (workspace_id, client_node_id, reverse_charge) values ($1, $2, true) returning vat_treatment`,
              [t.workspaceId, norway],
            )
          ).rows[0].vat_treatment,
      );
      expect(copied).toBe('outside_eu');
      expect(await sendCodes(id)).toBeNull();
      const inv = await row(id);
      expect([inv.vat_treatment, inv.reverse_charge]).toEqual(['outside_eu', false]);
    });

    it('hours billed onto an outside-EU draft carry 0 % and the draft sends', async () => {
      const norway = await client('NO', 'NO923609016MVA');
      const id = await draft(norway, []);
      const entry = randomUUID();
      await db().asUser(t.ownerId, async (c) => {
        await c.query(
          `insert into time_entries (id, workspace_id, node_id, entry_date, minutes, hourly_rate_ore) values ($1, $2, $3, current_date, 120, 95000)`,
          [entry, t.workspaceId, norway],
        );
        await c.query(`select bill_time_entries($1, $2, false)`, [id, [entry]]);
      });
      const rates = (await db().admin.query(`select vat_rate from invoice_lines where invoice_id = $1`, [id])).rows.map((r) => r.vat_rate);
      expect(rates).toEqual([0]);
      expect(await sendCodes(id)).toBeNull();
    });

    it('refuses Swedish VAT on a line and a buyer inside the EU', async () => {
      // A 25 % line from while the draft was domestic keeps its rate when the treatment changes.
      const taxed = await draft(await client('US', 'US123456789'), [], { vat_treatment: 'domestic' });
      await db().asUser(t.ownerId, async (c) => {
        await addLines(c, taxed, [consult(25)]);
        await c.query(`update invoices set vat_treatment = 'outside_eu' where id = $1`, [taxed]);
      });
      expect(await sendCodes(taxed)).toEqual(['outside_eu_zero_vat']);
      const inside = await draft(await client('DK', 'DK12345678'), [consult(0)], { vat_treatment: 'outside_eu' });
      expect(await sendCodes(inside)).toEqual(['outside_eu_buyer_country']);
    });
  });

  describe('domestic', () => {
    it('sends 25, 12 and 6 % lines', async () => {
      const id = await draft(t.clientId, [consult(25), consult(12), consult(6)]);
      expect(await sendCodes(id)).toBeNull();
      expect((await row(id)).vat_summary.map((r: { vat_rate: number }) => r.vat_rate)).toEqual([25, 12, 6]);
    });

    it('a 0 % line needs an exemption reason from the list, and only a 0 % line may have one', async () => {
      const bare = await draft(t.clientId, [consult(25), consult(0)]);
      expect(await sendCodes(bare)).toEqual(['vat_exemption_reason']);
      const exempt = await draft(t.clientId, [consult(0, { reason: 'healthcare' })]);
      expect(await sendCodes(exempt)).toBeNull();

      const inv = await draft(t.clientId, []);
      const sql = `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, vat_rate, vat_exemption_reason)
                   values ($1, $2, 'x', 1, 100, $3, $4)`;
      const atRate = await attempt(db(), { user: t.ownerId }, sql, [t.workspaceId, inv, 25, 'education']);
      expect(atRate.constraint).toBe('invoice_lines_exemption_only_at_zero');
      expect(messageKeyFor(atRate)).toBe('db.exemptionOnlyAtZero');
      const unknown = await attempt(db(), { user: t.ownerId }, sql, [t.workspaceId, inv, 0, 'because']);
      expect(unknown.constraint).toBe('invoice_lines_vat_exemption_reason_valid');
      expect(messageKeyFor(unknown)).toBe('db.exemptionReasonInvalid');
    });

    it('an exemption reason on a reverse-charge invoice is refused at send', async () => {
      const id = await draft(await client('DE', 'DE123456789'), [consult(0, { reason: 'education' })]);
      expect(await sendCodes(id)).toEqual(['vat_exemption_reason_not_domestic']);
    });
  });

  describe('signs and discount lines', () => {
    it('a discount line (negative, with its VAT rate) sends and lowers that rate’s base and VAT', async () => {
      // 8 h × 950 kr at 25 % = 7 600 kr; discount 10 % = −760 kr at 25 %; 6 840 kr + 1 710 kr VAT.
      const id = await draft(t.clientId, [consult(25), { quantity: '-0.10', price: 760_000, vat: 25, kind: 'discount' }]);
      expect(await sendCodes(id)).toBeNull();
      const inv = await row(id);
      expect(inv.vat_summary).toEqual([{ vat_rate: 25, taxable_ore: 684_000, vat_ore: 171_000 }]);
      expect(Number(inv.total_ore)).toBe(855_000);
    });

    it('refuses a negative item, a positive discount and a discount larger than its rate’s lines', async () => {
      expect(await sendCodes(await draft(t.clientId, [consult(25), consult(25, { quantity: -1 })]))).toEqual(['positive_quantities']);
      expect(await sendCodes(await draft(t.clientId, [consult(25), consult(25, { kind: 'discount' })]))).toEqual(['positive_quantities']);
      // A discount at 12 % on an invoice whose lines are all 25 %.
      expect(await sendCodes(await draft(t.clientId, [consult(25), consult(12, { quantity: -1, kind: 'discount' })]))).toEqual([
        'discount_exceeds_lines',
      ]);
    });

    it('a credit note of an invoice with a discount sends (the credited discount is positive); a positive item line is refused', async () => {
      const id = await draft(t.clientId, [consult(25), { quantity: -1, price: 10_000, vat: 25, kind: 'discount' }]);
      expect(await sendCodes(id)).toBeNull();
      const note = await db().asUser(t.ownerId, async (c) => (await c.query(`select create_credit_note($1) as id`, [id])).rows[0].id);
      expect((await row(note)).vat_treatment).toBe('domestic');
      expect(await sendCodes(note)).toBeNull();
      expect(Number((await row(note)).total_ore)).toBe(-Number((await row(id)).total_ore));

      const other = await draft(t.clientId, [consult(25)]);
      await sendCodes(other);
      const bad = await db().asUser(t.ownerId, async (c) => {
        const noteId = (await c.query(`select create_credit_note($1) as id`, [other])).rows[0].id;
        await addLines(c, noteId, [consult(25, { quantity: 1 })]);
        return noteId;
      });
      expect(await sendCodes(bad)).toEqual(['negative_quantities']);
    });

    it('a credit note of a reverse-charge invoice keeps its treatment', async () => {
      const id = await draft(await client('DE', 'DE123456789'), [consult(0)]);
      await sendCodes(id);
      const note = await db().asUser(t.ownerId, async (c) => (await c.query(`select create_credit_note($1) as id`, [id])).rows[0].id);
      expect((await row(note)).vat_treatment).toBe('eu_reverse_charge');
      expect(await sendCodes(note)).toBeNull();
    });
  });

  describe('öresavrundning', () => {
    it('rounds the amount to pay to whole kronor as its own amount, follows the toggle and freezes at send', async () => {
      // 1 × 123,45 kr at 25 % = 123,45 + 30,86 = 154,31 kr → 154 kr, rounding −0,31 kr.
      const id = await draft(t.clientId, [{ quantity: 1, price: 12_345, vat: 25 }]);
      expect(Number((await row(id)).rounding_ore)).toBe(0);
      await db().asUser(t.ownerId, (c) => c.query(`update invoices set round_to_krona = true where id = $1`, [id]));
      let inv = await row(id);
      expect([inv.net_ore, inv.vat_ore, inv.rounding_ore, inv.total_ore].map(Number)).toEqual([12_345, 3_086, -31, 15_400]);
      // 2 × 123,45 kr: 246,90 + 61,73 = 308,63 → 309 kr, rounding +0,37 kr.
      await db().asUser(t.ownerId, (c) => c.query(`update invoice_lines set quantity = 2 where invoice_id = $1`, [id]));
      inv = await row(id);
      expect([inv.rounding_ore, inv.total_ore].map(Number)).toEqual([37, 30_900]);
      expect(await sendCodes(id)).toBeNull();
      inv = await row(id);
      expect([inv.status, Number(inv.total_ore) % 100, Number(inv.rounding_ore)]).toEqual(['sent', 0, 37]);
      await db().asUser(t.ownerId, (c) => c.query(`update invoices set round_to_krona = false where id = $1`, [id]));
      expect(Number((await row(id)).total_ore)).toBe(30_900); // a sent invoice is not recomputed (RLS shows no draft)
    });

    it('the database and the preview compute the same totals for any items, discounts and rounding', async () => {
      const id = await draft(t.clientId, []);
      const c = await db().admin.connect();
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.array(
              fc.record({
                hundredths: fc.integer({ min: 1, max: 100_000 }),
                unitPriceOre: fc.integer({ min: 0, max: 10_000_000 }),
                vatRate: fc.constantFrom(...VAT_RATES),
                discount: fc.boolean(),
              }),
              { minLength: 1, maxLength: 10 },
            ),
            fc.boolean(),
            async (specs, round) => {
              const lines = specs.map((l) => ({
                quantity: `${l.discount ? '-' : ''}${(l.hundredths / 100).toFixed(2)}`,
                unitPriceOre: l.unitPriceOre,
                vatRate: l.vatRate,
                kind: l.discount ? 'discount' : 'item',
              }));
              await c.query('begin');
              try {
                await c.query(`update invoices set round_to_krona = $2 where id = $1`, [id, round]);
                for (const l of lines) {
                  await c.query(
                    `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, vat_rate, line_kind)
                     values ($1, $2, 'x', $3, $4, $5, $6)`,
                    [t.workspaceId, id, l.quantity, l.unitPriceOre, l.vatRate, l.kind],
                  );
                }
                const r = (await c.query(`select net_ore, vat_ore, rounding_ore, total_ore from invoices where id = $1`, [id])).rows[0];
                const expected = computeTotals(lines, { roundToKrona: round });
                expect([r.net_ore, r.vat_ore, r.rounding_ore, r.total_ore].map(Number)).toEqual([
                  expected.netOre,
                  expected.vatOre,
                  expected.roundingOre,
                  expected.totalOre,
                ]);
              } finally {
                await c.query('rollback');
              }
            },
          ),
          { numRuns: 30 },
        );
      } finally {
        c.release();
      }
    });

    it('a credit note of a rounded invoice rounds too, so a full credit nets to zero öre', async () => {
      const id = await draft(t.clientId, [{ quantity: 1, price: 12_345, vat: 25 }], { round_to_krona: true });
      await sendCodes(id);
      const note = await db().asUser(t.ownerId, async (c) => (await c.query(`select create_credit_note($1) as id`, [id])).rows[0].id);
      expect(await sendCodes(note)).toBeNull();
      const [inv, credit] = [await row(id), await row(note)];
      expect([Number(credit.rounding_ore), Number(credit.total_ore)]).toEqual([31, -15_400]);
      expect(Number(inv.total_ore) + Number(credit.total_ore)).toBe(0);
    });

    it('total = net + VAT + rounding holds for the table owner too', async () => {
      const id = await draft(t.clientId, [consult(25)]);
      const broken = await attemptAsAdmin(db(), `update invoices set rounding_ore = 10 where id = $1`, [id]);
      expect(broken.constraint).toBe('invoices_total_sum');
      const outOfRange = await attemptAsAdmin(db(), `update invoices set rounding_ore = 60, total_ore = total_ore + 60 where id = $1`, [
        id,
      ]);
      expect(outOfRange.constraint).toBe('invoices_rounding_range');
    });
  });

  describe('the checks hold for every role', () => {
    it('the table owner cannot mark a reverse-charge invoice with VAT as sent past send_invoice', async () => {
      const id = await draft(await client('DE', 'DE123456789'), [], { vat_treatment: 'domestic' });
      await db().asUser(t.ownerId, async (c) => {
        await addLines(c, id, [consult(25)]);
        await c.query(`update invoices set vat_treatment = 'eu_reverse_charge' where id = $1`, [id]);
      });
      const sql = `update invoices set status = 'sent', number = 999, ocr_reference = $2, issue_date = current_date, due_date = current_date,
                     sent_at = now(), seller_snapshot = '{"vat_number":"SE556677889901"}', buyer_snapshot = '{"country":"DE","vat_number":"DE123456789"}'
                   where id = $1`;
      const result = await attemptAsAdmin(db(), sql, [id, withLuhn('999')]);
      expect(result.ok).toBe(false);
      expect(result.message).toBe('invoice_incomplete:reverse_charge_zero_vat');
    });
  });
});
