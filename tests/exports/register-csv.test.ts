// The invoice register CSV read back with csv-parse: Swedish spreadsheet conventions (BOM,
// semicolons, decimal comma), headers and values in the user's language, fields with ; and "
// kept whole.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { registerCsv } from '@/lib/exports/register-csv';
import { oreDecimal } from '@/lib/validation/quantities';
import type { ExportInvoice } from '@/lib/exports/invoices';
import { translator } from '@/lib/i18n/catalogue';

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
  creditsNumber: null,
  vatSummary: [],
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
          reverseCharge: true,
          paidOre: 0,
          outstandingOre: null,
        }),
      ],
      translator('sv'),
    );
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = parse(text.slice(1), { delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual([
      'Nummer',
      'Typ',
      'Status',
      'Fakturadatum',
      'Förfallodatum',
      'Betald',
      'Kund',
      'Kundens org.nr',
      'Krediterar faktura',
      'Omvänd betalningsskyldighet',
      'Belopp exkl. moms',
      'Moms',
      'Att betala',
      'OCR',
      'Betalt',
      'Krediterat',
      'Kvar att betala',
    ]);
    expect(rows[1]).toEqual([
      '7',
      'Faktura',
      'Skickad',
      '2026-03-01',
      '2026-03-31',
      '',
      'Åkesson; "Bygg" AB',
      '556677-8899',
      '',
      '',
      '1000,50',
      '250,13',
      '1250,63',
      '75',
      '250,63',
      '0,00',
      '1000,00',
    ]);
    expect(rows[2].slice(0, 2)).toEqual(['8', 'Kreditnota']);
    expect(rows[2][8]).toBe('7');
    expect(rows[2][9]).toBe('Ja');
    expect(rows[2][12]).toBe('-1250,63');
    // A credit note asks for no payment: no due date, nothing outstanding.
    expect([rows[2][4], rows[2][16]]).toEqual(['', '']);
    const en = parse(registerCsv([invoice({ status: 'paid', paidOn: '2026-03-20' })], translator('en')).slice(1), {
      delimiter: ';',
    }) as string[][];
    expect(en[0][0]).toBe('Number');
    expect(en[1].slice(1, 3)).toEqual(['Invoice', 'Paid']);
    expect(en[1][5]).toBe('2026-03-20');
  });

  it('formats amounts exactly', () => {
    expect([oreDecimal(5), oreDecimal(-5), oreDecimal(123456789), oreDecimal(0)]).toEqual(['0,05', '-0,05', '1234567,89', '0,00']);
  });
});
