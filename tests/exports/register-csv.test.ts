// The invoice register CSV read back with csv-parse: Swedish spreadsheet conventions (BOM,
// semicolons, decimal comma), headers and values in the user's language, fields with ; and "
// kept whole, no cell a spreadsheet would run as a formula, one record per line, and totals
// equal to the database.
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCsv } from '@/lib/exports/register-csv';
import { oreDecimal } from '@/lib/validation/quantities';
import type { ExportInvoice } from '@/lib/exports/invoices';
import { translator } from '@/lib/i18n/catalogue';
import { listExportInvoices } from '@/lib/exports/invoices';
import { describeEachDatabase } from '../support/db';
import { buildDataset, type Dataset } from './bookkeeping-dataset';

const invoice = (over: Partial<ExportInvoice>): ExportInvoice => ({
  id: 'x',
  kind: 'invoice',
  status: 'sent',
  series: 'invoice',
  number: 7,
  issueDate: '2026-03-01',
  dueDate: '2026-03-31',
  paidOn: null,
  reverseCharge: false,
  vatTreatment: 'domestic',
  clientId: 'c',
  clientName: 'Åkesson; "Bygg" AB',
  clientOrgNumber: '556677-8899',
  clientVatNumber: 'SE556677889901',
  clientCountry: 'SE',
  creditsNumber: null,
  vatSummary: [{ vat_rate: 25, taxable_ore: 100050, vat_ore: 25013 }],
  netOre: 100050,
  vatOre: 25013,
  roundingOre: 0,
  totalOre: 125063,
  paidOre: 25063,
  creditedOre: 0,
  outstandingOre: 100000,
  ocrReference: '75',
  pdfPath: null,
  pdfSha256: null,
  ...over,
});

const HEADER_SV = [
  'Nummer',
  'Typ',
  'Status',
  'Fakturadatum',
  'Förfallodatum',
  'Betald',
  'Kund',
  'Kundens org.nr',
  'Kundens momsnummer',
  'Kundens land',
  'Krediterar faktura',
  'Momsbehandling',
  'Underlag 25 %',
  'Moms 25 %',
  'Underlag 12 %',
  'Moms 12 %',
  'Underlag 6 %',
  'Moms 6 %',
  'Underlag 0 %',
  'Moms 0 %',
  'Belopp exkl. moms',
  'Moms',
  'Öresavrundning',
  'Att betala',
  'OCR',
  'Betalt',
  'Krediterat',
  'Kvar att betala',
];
const col = (name: string) => HEADER_SV.indexOf(name);
const read = (text: string) => parse(text.slice(1), { delimiter: ';', record_delimiter: '\r\n' }) as string[][];
/** A cell a spreadsheet would run: text starting with = + - @ tab or CR (a number like -12,50 is a number). */
const formula = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^-\d+(,\d+)?$/.test(cell);

describe('invoice register CSV', () => {
  it('writes a BOM, semicolons, decimal commas and translated headers and values', () => {
    const text = registerCsv(
      [
        invoice({}),
        invoice({
          kind: 'credit_note',
          number: 8,
          creditsNumber: 7,
          totalOre: -125063,
          netOre: -100050,
          vatOre: -25013,
          vatSummary: [{ vat_rate: 25, taxable_ore: -100050, vat_ore: -25013 }],
          vatTreatment: 'eu_reverse_charge',
          reverseCharge: true,
          paidOre: 0,
          outstandingOre: null,
        }),
      ],
      translator('sv'),
    );
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = read(text);
    expect(rows[0]).toEqual(HEADER_SV);
    expect(rows[1]).toEqual([
      '7',
      'Faktura',
      'Skickad',
      '2026-03-01',
      '2026-03-31',
      '',
      'Åkesson; "Bygg" AB',
      '556677-8899',
      'SE556677889901',
      'SE',
      '',
      'Inom Sverige',
      '1000,50',
      '250,13',
      '0,00',
      '0,00',
      '0,00',
      '0,00',
      '0,00',
      '0,00',
      '1000,50',
      '250,13',
      '0,00',
      '1250,63',
      '75',
      '250,63',
      '0,00',
      '1000,00',
    ]);
    expect(rows[2].slice(0, 2)).toEqual(['8', 'Kreditnota']);
    expect(rows[2][col('Krediterar faktura')]).toBe('7');
    expect(rows[2][col('Momsbehandling')]).toBe('Omvänd betalningsskyldighet, EU');
    expect(rows[2][col('Att betala')]).toBe('-1250,63');
    // A credit note asks for no payment: no due date, nothing outstanding.
    expect([rows[2][col('Förfallodatum')], rows[2][col('Kvar att betala')]]).toEqual(['', '']);
    const en = read(registerCsv([invoice({ status: 'paid', paidOn: '2026-03-20' })], translator('en')));
    expect(en[0][0]).toBe('Number');
    expect(en[1].slice(1, 3)).toEqual(['Invoice', 'Paid']);
    expect(en[1][5]).toBe('2026-03-20');
  });

  it('neutralises text a spreadsheet would run as a formula and keeps one record per line', () => {
    const names = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1)', '\tTab', '\rCR', 'Två\nrader AB'];
    const text = registerCsv(
      names.map((clientName, i) => invoice({ clientName, number: i + 1, ocrReference: '=1+1' })),
      translator('sv'),
    );
    expect(text.split('\r\n').length).toBe(names.length + 2); // header, one per invoice, the final line break
    const rows = read(text).slice(1);
    expect(rows.map((r) => r[col('Kund')])).toEqual([
      `'=HYPERLINK("http://evil","x")`,
      `'+cmd|' /C calc'!A0`,
      `'-2+3`,
      `'@SUM(A1)`,
      `'\tTab`,
      ' CR',
      'Två rader AB',
    ]);
    for (const row of rows) for (const cell of row) expect(formula(cell), cell).toBe(false);
  });

  it('formats amounts exactly', () => {
    expect([oreDecimal(5), oreDecimal(-5), oreDecimal(123456789), oreDecimal(0)]).toEqual(['0,05', '-0,05', '1234567,89', '0,00']);
  });
});

describeEachDatabase('invoice register CSV of the database', (db) => {
  let d: Dataset;
  beforeAll(async () => {
    d = await buildDataset(db());
  }, 60_000);

  it('parses cell by cell to what the database holds, totals included', async () => {
    const invoices = await db().asUser(d.accountantId, (c) => listExportInvoices(c, {}));
    const rows = read(registerCsv(invoices, translator('sv')));
    expect(rows[0]).toEqual(HEADER_SV);
    const body = rows.slice(1);
    for (const row of body) {
      expect(row).toHaveLength(HEADER_SV.length);
      for (const cell of row) expect(formula(cell), cell).toBe(false);
    }
    const ore = (cell: string) => Math.round(Number(cell.replace(',', '.')) * 100);
    const sum = (name: string) => body.reduce((s, r) => s + ore(r[col(name)]), 0);
    const { rows: db_ } = await db().admin.query(
      `select count(*)::int as n, sum(total_ore)::float8 as total, sum(net_ore)::float8 as net, sum(vat_ore)::float8 as vat,
              sum(paid_ore)::float8 as paid, sum(total_ore - paid_ore - credited_ore) filter (where kind = 'invoice')::float8 as outstanding,
              sum(rounding_ore)::float8 as rounding
         from invoices where workspace_id = $1 and status <> 'draft'`,
      [d.workspaceId],
    );
    expect(body).toHaveLength(db_[0].n);
    expect(sum('Att betala')).toBe(db_[0].total);
    expect(sum('Belopp exkl. moms')).toBe(db_[0].net);
    expect(sum('Moms')).toBe(db_[0].vat);
    expect(sum('Betalt')).toBe(db_[0].paid);
    expect(sum('Kvar att betala')).toBe(db_[0].outstanding);
    expect(sum('Öresavrundning')).toBe(db_[0].rounding);
    // Per rate, the columns add up to the totals.
    expect(['25', '12', '6', '0'].reduce((s, r) => s + sum(`Underlag ${r} %`), 0)).toBe(db_[0].net);
    expect(['25', '12', '6', '0'].reduce((s, r) => s + sum(`Moms ${r} %`), 0)).toBe(db_[0].vat);
    const a = body.find((r) => r[col('Nummer')] === String(d.numbers.A))!;
    expect([a[col('Underlag 12 %')], a[col('Moms 12 %')], a[col('Underlag 0 %')]]).toEqual(['200,00', '24,00', '300,00']);
    const c = body.find((r) => r[col('Nummer')] === String(d.numbers.C))!;
    expect([c[col('Kundens momsnummer')], c[col('Kundens land')], c[col('Momsbehandling')]]).toEqual([
      'DE123456789',
      'DE',
      'Omvänd betalningsskyldighet, EU',
    ]);
  });
});
