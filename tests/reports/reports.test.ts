// The momsdeklaration and the periodisk sammanställning against figures worked out by hand from
// the dataset in tests/exports/bookkeeping-dataset.ts (every VAT treatment, a fiscal year from
// May), under both methods, as the accountant reads them; the SKV574008 file line by line, and
// its refusal while a buyer's VAT number is missing.
import { beforeAll, describe, expect, it } from 'vitest';
import { ecSalesFile, ecSalesList, EcSalesListIncomplete, ecPeriodCode } from '@/lib/reports/ec-sales-list';
import { loadEcSalesList, loadVatReturn } from '@/lib/reports/load';
import { parsePeriodCode, previousPeriodCode } from '@/lib/reports/periods';
import { VAT_BOXES, vatReturn, type VatBox } from '@/lib/reports/vat-return';
import { describeEachDatabase } from '../support/db';
import { backdate, buildDataset, EU_BUYER2_VAT, EU_BUYER_VAT, useMethod, type Dataset } from '../exports/bookkeeping-dataset';

type Boxes = Partial<Record<VatBox, number>>;

describeEachDatabase('VAT return and EC sales list', (db) => {
  let d: Dataset;
  beforeAll(async () => {
    d = await buildDataset(db());
  }, 60_000);

  /** The boxes in whole kronor, zeros left out. */
  const boxes = async (code: string): Promise<Boxes> => {
    const report = await db().asUser(d.accountantId, (c) => vatReturn(c, d.workspaceId, parsePeriodCode(code, 5)!));
    return Object.fromEntries(VAT_BOXES.map((b) => [b, report.boxes[b].kronor]).filter(([, v]) => v !== 0));
  };

  describe('fakturametoden', () => {
    beforeAll(() => useMethod(db(), d, 'invoice'));

    it('fills the boxes from the invoices of each quarter', async () => {
      // Q2 2025: P (1 000 + 250) and A (1 000/200/100 taxable, 250/24/6 VAT, 300 exempt).
      expect(await boxes('2025-Q2')).toEqual({ '05': 2300, '10': 500, '11': 24, '12': 6, '42': 300, '49': 530 });
      // Q3: C, 1 500 of services to a German business.
      expect(await boxes('2025-Q3')).toEqual({ '39': 1500 });
      // Q4: E and its credit note cancel out; R 123,45 + 30,86 (öre dropped).
      expect(await boxes('2025-Q4')).toEqual({ '05': 123, '10': 30, '49': 30 });
      // Q1 2026: D outside the EU, H to France, B 800 + 200.
      expect(await boxes('2026-Q1')).toEqual({ '05': 800, '10': 200, '39': 250, '40': 700, '49': 200 });
      // The fiscal year is the sum of its invoices from May: A, C, E and credit, R, D, H, B.
      expect(await boxes('2025')).toEqual({
        '05': 1000 + 200 + 100 + 123 + 800,
        '10': 250 + 30 + 200,
        '11': 24,
        '12': 6,
        '39': 1750,
        '40': 700,
        '42': 300,
        '49': 510,
      });
    });

    it('shows the vouchers behind each figure', async () => {
      const report = await db().asUser(d.accountantId, (c) => vatReturn(c, d.workspaceId, parsePeriodCode('2025-Q4', 5)!));
      expect(report.boxes['05'].lines.map((l) => [l.kind, l.documentNumber, l.ore])).toEqual([
        ['invoice', d.numbers.E, 40000],
        ['credit_note', d.numbers.E_credit, -40000],
        ['invoice', d.numbers.R, 12345],
      ]);
    });
  });

  describe('kontantmetoden (bokslutsmetoden)', () => {
    beforeAll(() => useMethod(db(), d, 'cash'));

    it('fills the boxes from the payments, EU sales when invoiced, and the year-end receivables', async () => {
      // Q2 2025 holds the end of the year before (30 April): P, unpaid then, is booked there.
      expect(await boxes('2025-Q2')).toEqual({ '05': 1000, '10': 250, '49': 250 });
      // Q3: A paid in July; C invoiced in September.
      expect(await boxes('2025-Q3')).toEqual({ '05': 1300, '10': 250, '11': 24, '12': 6, '39': 1500, '42': 300, '49': 280 });
      expect(await boxes('2025-Q4')).toEqual({ '05': 123, '10': 30, '49': 30 });
      // Q1 2026: only H (EU) is booked; B and D are unpaid.
      expect(await boxes('2026-Q1')).toEqual({ '39': 250 });
      // Q2 2026: B 40 % paid on 10 April, the rest and D booked at year end, B's late payment adds nothing.
      expect(await boxes('2026-Q2')).toEqual({ '05': 800, '10': 200, '40': 700, '49': 200 });
      expect(await boxes('2026-04')).toEqual({ '05': 800, '10': 200, '40': 700, '49': 200 });
      expect(await boxes('2026-05')).toEqual({});
    });
  });

  describe('periodisk sammanställning', () => {
    it('lists each EU buyer with the services sold to them, and writes the file', async () => {
      const q3 = await db().asUser(d.accountantId, (c) => ecSalesList(c, d.workspaceId, parsePeriodCode('2025-Q3', 5)!));
      expect(q3.rows).toEqual([{ vatNumber: EU_BUYER_VAT, ore: 150000, kronor: 1500, documents: 1 }]);
      const lines = ecSalesFile(q3).split('\r\n');
      expect(lines[0]).toBe('SKV574008;');
      const [vat, period, name, phone, email] = lines[1].split(';');
      expect(vat).toMatch(/^SE\d{10}01$/);
      expect([period, name, phone, email]).toEqual(['25-3', 'Testkonsult Enskild Firma', '08-1234567', 'firma@example.test']);
      expect(lines.slice(2)).toEqual([`${EU_BUYER_VAT};;;1500`, '']);
      const q1 = await db().asUser(d.accountantId, (c) => ecSalesList(c, d.workspaceId, parsePeriodCode('2026-Q1', 5)!));
      expect(q1.rows.map((r) => [r.vatNumber, r.kronor])).toEqual([[EU_BUYER2_VAT, 250]]);
      expect(ecPeriodCode(parsePeriodCode('2026-03', 5)!)).toBe('2603');
    });

    it('equals box 39 of the same period', async () => {
      for (const code of ['2025-Q3', '2026-Q1', '2025-09']) {
        const list = await db().asUser(d.accountantId, (c) => ecSalesList(c, d.workspaceId, parsePeriodCode(code, 5)!));
        expect(
          list.rows.reduce((s, r) => s + r.kronor, 0),
          code,
        ).toBe((await boxes(code))['39'] ?? 0);
      }
    });

    it('refuses the file while a buyer VAT number is missing, and a yearly period', async () => {
      const c = await db().admin.connect();
      try {
        await c.query('begin');
        await c.query('set local session_replication_role = replica');
        await c.query(`update invoices set buyer_snapshot = buyer_snapshot - 'vat_number' where id = $1`, [d.ids.H]);
        await c.query('commit');
      } finally {
        c.release();
      }
      const list = await db().asUser(d.accountantId, (x) => loadEcSalesList(x, d.workspaceId, '2026-Q1'));
      if (typeof list === 'string') throw new Error(list);
      expect(list.missingVatNumber.map((m) => m.number)).toEqual([d.numbers.H]);
      expect(() => ecSalesFile(list)).toThrow(EcSalesListIncomplete);
      expect(await db().asUser(d.accountantId, (x) => loadEcSalesList(x, d.workspaceId, '2025'))).toBe('monthOrQuarter');
      expect(await db().asUser(d.accountantId, (x) => loadVatReturn(x, d.workspaceId, '2025-13'))).toBe('invalid');
      await backdate(db(), d.ids.H, '2026-02-01');
    });
  });

  it('keeps the settings valid, and the fiscal year readable by members only', async () => {
    for (const [column, value] of [
      ['voucher_series', 'x1'],
      ['bookkeeping_method', 'barter'],
      ['vat_period', 'week'],
      ['bank', '42'],
    ]) {
      const refused = await db()
        .asUser(d.ownerId, (c) => c.query(`update sie_accounts set ${column} = $2 where workspace_id = $1`, [d.workspaceId, value]))
        .catch((e: { constraint?: string }) => e.constraint);
      expect(refused, column).toBe(`sie_accounts_${column}_valid`);
    }
    const month = (user: string) =>
      db().asUser(user, async (c) => (await c.query(`select fiscal_year_start_month($1) as m`, [d.workspaceId])).rows[0].m);
    expect([await month(d.ownerId), await month(d.accountantId), await month(await db().createUser())]).toEqual([5, 5, null]);
  });

  it('shows another tenant nothing', async () => {
    const other = await db().createUser();
    const report = await db().asUser(other, (c) => vatReturn(c, d.workspaceId, parsePeriodCode('2025', 5)!));
    expect(VAT_BOXES.every((b) => report.boxes[b].ore === 0)).toBe(true);
  });
});

describe('report periods', () => {
  it('parses months, quarters and fiscal years, and steps back', () => {
    expect(parsePeriodCode('2026-02', 5)).toEqual({ code: '2026-02', kind: 'month', from: '2026-02-01', to: '2026-02-28' });
    expect(parsePeriodCode('2025-Q4', 5)).toEqual({ code: '2025-Q4', kind: 'quarter', from: '2025-10-01', to: '2025-12-31' });
    expect(parsePeriodCode('2025', 5)).toEqual({ code: '2025', kind: 'year', from: '2025-05-01', to: '2026-04-30' });
    expect(['2025-00', '2025-Q5', '25', 'x'].map((c) => parsePeriodCode(c, 1))).toEqual([null, null, null, null]);
    expect([previousPeriodCode('2026-01', 1), previousPeriodCode('2026-Q1', 1), previousPeriodCode('2026', 5)]).toEqual([
      '2025-12',
      '2025-Q4',
      '2025',
    ]);
  });
});
