// The SIE 4I export read back with a parser written from the specification, for a fiscal year
// that starts in May, under both methods: the header records (#RAR 0 for the year), #KONTO for
// every account used, every voucher balanced and dated inside #RAR, numbered 1, 2, … in date
// order in the configured series, one voucher per event the method books, and amounts equal to
// the database and to figures worked out by hand from the dataset (tests/exports/bookkeeping-dataset.ts).
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSieExport, resolveSiePeriod, SiePeriodOutsideYear, sieFileName, type SiePeriod } from '@/lib/exports/sie/export';
import { fiscalYearEnds } from '@/lib/exports/sie/fiscal-year';
import { share } from '@/lib/exports/sie/vouchers';
import { encodeSie, quote, sieAmount, sieText, VOUCHER_TEXT_MAX } from '@/lib/exports/sie/writer';
import { describeEachDatabase } from '../support/db';
import { buildDataset, TRICKY_CLIENT, useMethod, type Dataset } from './bookkeeping-dataset';
import { parseSie, type SieFile } from './sie-parser';

const GENERATED = new Date('2026-11-23T10:00:00Z');

/**
 * The year's sales, VAT and öresavrundning by hand, the same under both methods (by year end
 * kontantmetoden has booked what fakturametoden booked when invoicing): 25 % A 1 000 + B 800 +
 * R 123,45 (E credited away); 12 %, 6 % and exempt from A; EU C 1 500 + H 250; Norway D 700.
 */
const YEAR_SALES = {
  '3001': -(100000 + 80000 + 12345),
  '2611': -(25000 + 20000 + 3086),
  '3002': -20000,
  '2621': -2400,
  '3003': -10000,
  '2631': -600,
  '3004': -30000,
  '3308': -(150000 + 25000),
  '3305': -70000,
  '3740': 31,
};

const totals = (file: SieFile) => {
  const sums = new Map<string, number>();
  for (const v of file.vers) for (const tr of v.trans) sums.set(tr.account, (sums.get(tr.account) ?? 0) + tr.amountOre);
  return Object.fromEntries([...sums].filter(([, s]) => s !== 0));
};
const byAccount = (v: SieFile['vers'][number]) => Object.fromEntries(v.trans.map((tr) => [tr.account, tr.amountOre]));

/** What every export must be, whatever the method. */
function expectWellFormed(file: SieFile, from: string, to: string, series: string) {
  expect(file.records.slice(0, 5).map((r) => r.label)).toEqual(['#FLAGGA', '#PROGRAM', '#FORMAT', '#GEN', '#SIETYP']);
  expect(file.first('#FLAGGA')).toEqual(['0']);
  expect(file.first('#FORMAT')).toEqual(['PC8']);
  expect(file.first('#SIETYP')).toEqual(['4']);
  expect(file.first('#GEN')).toEqual(['20261123']);
  expect(file.first('#RAR')).toEqual(['0', from.replace(/-/g, ''), to.replace(/-/g, '')]);
  expect(file.first('#KPTYP')?.length).toBe(1);
  expect(file.first('#VALUTA')).toEqual(['SEK']);
  expect(file.first('#ORGNR')?.[0]).toMatch(/^\d{6}-\d{4}$/);
  expect(file.first('#FNAMN')).toEqual(['Testkonsult Enskild Firma']);
  const [, start, end] = file.first('#RAR')!;
  file.vers.forEach((v, i) => {
    expect(v.series).toBe(series);
    expect(v.number).toBe(String(i + 1));
    expect(v.date >= start && v.date <= end, `${v.text} ${v.date}`).toBe(true);
    if (i > 0) expect(v.date >= file.vers[i - 1].date).toBe(true);
    expect(
      v.trans.reduce((s, tr) => s + tr.amountOre, 0),
      v.text,
    ).toBe(0);
    expect(v.text.length).toBeLessThanOrEqual(VOUCHER_TEXT_MAX);
    for (const tr of v.trans) expect(file.accounts.has(tr.account), tr.account).toBe(true);
  });
}

describeEachDatabase('SIE export per fiscal year', (db) => {
  let d: Dataset;
  const FY = { from: '2025-05-01', to: '2026-04-30' };

  beforeAll(async () => {
    d = await buildDataset(db());
  }, 60_000);

  const exportAs = async (userId: string, period: SiePeriod = { year: 2025 }) =>
    db().asUser(userId, async (c) => {
      const sie = await buildSieExport(c, d.workspaceId, period, GENERATED);
      return { ...sie, file: parseSie(sie.bytes) };
    });

  const paymentsInYear = async () =>
    (
      await db().admin.query(
        `select coalesce(sum(amount_ore), 0)::float8 as s, count(*)::int as n from invoice_payments where workspace_id = $1 and paid_on between $2 and $3`,
        [d.workspaceId, FY.from, FY.to],
      )
    ).rows[0] as { s: number; n: number };

  describe('fakturametoden', () => {
    beforeAll(() => useMethod(db(), d, 'invoice'));

    it('books each invoice, credit note and payment of the year once, balanced, in date order', async () => {
      const { file, fileName, count } = await exportAs(d.accountantId);
      expectWellFormed(file, FY.from, FY.to, 'KV');
      expect(fileName).toBe('sie-2025-05-01_2026-04-30.si');
      const docs = await db().admin.query(
        `select count(*)::int as n, sum(total_ore)::float8 as total from invoices where workspace_id = $1 and status <> 'draft' and issue_date between $2 and $3`,
        [d.workspaceId, FY.from, FY.to],
      );
      const payments = await paymentsInYear();
      // A, B, C, D, E, E's credit note, R, H; payments of P, A, B (the first), C, R.
      expect(docs.rows[0].n).toBe(8);
      expect(payments.n).toBe(5);
      expect(count).toBe(13);
      expect(file.vers).toHaveLength(13);
      const sums = totals(file);
      expect(sums['1930']).toBe(payments.s);
      expect(sums['1510']).toBe(docs.rows[0].total - payments.s);
      expect(sums).toEqual({
        '1930': 125000 + 188000 + 40000 + 150000 + 15400,
        '1510': 188000 + 100000 + 150000 + 70000 + 15400 + 25000 - (125000 + 188000 + 40000 + 150000 + 15400),
        ...YEAR_SALES,
      });
      // The year before's invoice is not in the file, its payment is.
      expect(file.vers.filter((v) => v.text.includes(` ${d.numbers.P} `)).map((v) => v.text)).toEqual([
        expect.stringMatching(new RegExp(`^Inbetalning faktura ${d.numbers.P} `)),
      ]);
      const credit = file.vers.find((v) => v.text.startsWith(`Kreditnota ${d.numbers.E_credit} `))!;
      expect(byAccount(credit)).toEqual({ '1510': -50000, '3001': 40000, '2611': 10000 });
    });

    it('makes texts CP437-clean, quoted and short, the number first', async () => {
      const { file, bytes } = await exportAs(d.accountantId);
      const a = file.vers.find((v) => v.text.startsWith(`Faktura ${d.numbers.A} `))!;
      expect(a.text).toBe(`Faktura ${d.numbers.A} ${sieText(TRICKY_CLIENT)}`.slice(0, VOUCHER_TEXT_MAX - 1).trimEnd() + '.');
      expect(a.text).toContain('Lódz "Öl" / Åkesson & ?mega');
      // No control character inside a record: every line break ends one.
      expect(
        iconv
          .decode(bytes, 'cp437')
          .split('\r\n')
          .filter((l) => /[\x00-\x1f]/.test(l)),
      ).toEqual([]);
    });

    it('exports a shorter period inside the year, and names it', async () => {
      const { file, fileName } = await exportAs(d.accountantId, { year: 2025, from: '2025-09-01', to: '2025-10-31' });
      expect(fileName).toBe('sie-2025-05-01_2026-04-30-period-2025-09-01_2025-10-31.si');
      expect(file.first('#RAR')).toEqual(['0', '20250501', '20260430']);
      expect(file.vers.map((v) => [v.number, v.date, byAccount(v)])).toEqual([
        ['1', '20250901', { '1510': 150000, '3308': -150000 }],
        ['2', '20251001', { '1930': 150000, '1510': -150000 }],
      ]);
    });

    it('refuses a period outside the fiscal year', async () => {
      await expect(exportAs(d.accountantId, { year: 2025, from: '2025-04-01', to: '2025-05-31' })).rejects.toBeInstanceOf(
        SiePeriodOutsideYear,
      );
    });

    it('shows another tenant nothing', async () => {
      const other = await db().createUser();
      const { file } = await db().asUser(other, async (c) => ({
        file: parseSie((await buildSieExport(c, d.workspaceId, { year: 2025 })).bytes),
      }));
      expect(file.vers).toEqual([]);
    });
  });

  describe('kontantmetoden (bokslutsmetoden)', () => {
    beforeAll(() => useMethod(db(), d, 'cash', 'X'));

    it('books payments when paid, EU sales when invoiced and what is unpaid at year end', async () => {
      const { file, count } = await exportAs(d.accountantId);
      expectWellFormed(file, FY.from, FY.to, 'X');
      // Payments of P, A, C, R, B; C and H (EU) as invoiced; B's rest and D at year end.
      expect(count).toBe(9);
      const payments = await paymentsInYear();
      const sums = totals(file);
      expect(sums['1930']).toBe(payments.s);
      expect(sums).toEqual({
        '1930': 125000 + 188000 + 40000 + 150000 + 15400,
        // P was booked as a receivable at the year before's end and is settled now; H and the year-end bookings stay.
        '1510': -125000 + 25000 + 60000 + 70000,
        ...YEAR_SALES,
      });
      const ofB = file.vers.filter((v) => v.text.includes(` ${d.numbers.B} `));
      expect(ofB.map((v) => [v.date, byAccount(v)])).toEqual([
        // 400 of 1 000 kr paid: 40 % of the sale and of its VAT.
        ['20260410', { '1930': 40000, '3001': -32000, '2611': -8000 }],
        ['20260430', { '1510': 60000, '3001': -48000, '2611': -12000 }],
      ]);
      expect(ofB[1].text).toMatch(new RegExp(`^Kundfordran bokslut faktura ${d.numbers.B} `));
      // E was credited before it was paid: nothing to book.
      expect(file.vers.some((v) => v.text.includes(` ${d.numbers.E} `) || v.text.includes(` ${d.numbers.E_credit} `))).toBe(false);
    });

    it('settles the year-end receivable with the payment of the next year', async () => {
      const { file } = await exportAs(d.accountantId, { year: 2026 });
      const ofB = file.vers.filter((v) => v.text.includes(` ${d.numbers.B} `));
      expect(ofB.map((v) => [v.date, byAccount(v)])).toEqual([['20260505', { '1930': 60000, '1510': -60000 }]]);
    });
  });
});

describe('SIE building blocks', () => {
  it('formats amounts exactly', () => {
    expect([sieAmount(123450), sieAmount(-5), sieAmount(0), sieAmount(100)]).toEqual(['1234.50', '-0.05', '0.00', '1.00']);
  });

  it('keeps å ä ö é ü in CP437, spells out what CP437 lacks and escapes quotes', () => {
    expect(sieText('Åsa Müller-Lüdenscheidt\tvid\r\nÖresund, Café')).toBe('Åsa Müller-Lüdenscheidt vid Öresund, Café');
    expect(sieText('Søren Łukasz Straße € \\ 中')).toBe('Soren Lukasz Strasse EUR / ?');
    const bytes = encodeSie(`#FNAMN ${quote('Citat "AB" Åäö')}\r\n`);
    expect([...bytes.subarray(-6, -3)]).toEqual([0x8f, 0x84, 0x94]); // Å ä ö in CP437
    expect(parseSie(bytes).first('#FNAMN')).toEqual(['Citat "AB" Åäö']);
  });

  it('spreads a part payment over the postings to the öre, and all of them once paid', () => {
    const parts = new Map([
      ['sales25', -10001],
      ['vat25', -2500],
      ['rounding', -1],
    ] as const);
    const third = share(new Map(parts), 4167, 12502);
    expect([...third.values()].reduce((s, x) => s + x, 0)).toBe(-4167);
    expect(share(new Map(parts), 12502, 12502)).toEqual(new Map(parts));
  });

  it('finds the fiscal years and names the files', () => {
    expect(fiscalYearEnds('2024-06-01', '2026-05-31', 5)).toEqual(['2025-04-30', '2026-04-30']);
    expect(resolveSiePeriod({ year: 2025 }, 5)).toEqual({
      year: { from: '2025-05-01', to: '2026-04-30' },
      period: { from: '2025-05-01', to: '2026-04-30' },
    });
    expect(resolveSiePeriod({ from: '2026-02-01', to: '2026-02-28' }, 5)?.year).toEqual({ from: '2025-05-01', to: '2026-04-30' });
    expect(resolveSiePeriod({ year: 2025, from: '2026-04-01', to: '2026-05-31' }, 5)).toBeNull();
    expect(sieFileName({ from: '2026-01-01', to: '2026-12-31' }, { from: '2026-01-01', to: '2026-12-31' })).toBe(
      'sie-2026-01-01_2026-12-31.si',
    );
  });
});
