// The invoice PDF read back as text (pdftotext): every legal field, F-skatt, payment details,
// reverse charge, credit-note reference, draft marking, page numbers; fonts embedded; A4;
// metadata; and the same frozen invoice always giving the same bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderInvoicePdf } from '../../lib/invoices/pdf/render';
import { isSingleLine, toSingleLine } from '../../lib/validation/text';
import { renderAndRead as render } from './pdf-text';
import { sampleInvoice } from './sample';

describe('invoice PDF', () => {
  it('prints every field the VAT act asks for, F-skatt and payment details', async () => {
    const { flat } = await render(sampleInvoice());
    for (const expected of [
      'Faktura',
      'Fakturadatum 2026-11-20', // 1. issue date
      'Fakturanummer 42', // 2. löpnummer
      'Momsreg.nr SE800101001901', // 3. seller's VAT number
      'Åsa Öberg Konsult', // 5. names and addresses
      'Ängsvägen 3',
      '123 45 Västerås',
      'Kundbolaget Öst AB',
      'Kundvägen 2',
      '222 33 Malmö',
      'Konsulttimmar – Åtgärdsplan för växthusets ventilation', // 6. what and how much
      '12,5 h',
      'Leveransperiod 2026-10-01 – 2026-10-31', // 7. date of supply
      'Underlag moms 25 %', // 8. taxable amount per rate
      '950,00 kr', // unit price excl. VAT
      'Moms 25 %', // 9-10. rate and VAT amount
      'Godkänd för F-skatt',
      'Bankgiro 5050-1055',
      'IBAN SE4550000000058398257466',
      'OCR-nummer 422',
      'Förfallodag 2026-12-20',
      'Att betala',
      'Org.nr 800101-0019',
      'Sida 1 av 1',
    ]) {
      expect(flat).toContain(expected);
    }
    // 12.5 h × 950 + 2 × 1.25 h × 950 at 25 % = 14 250,00 net; VAT 3 562,50; 17 812,50 to pay.
    expect(flat).toContain('14 250,00 kr');
    expect(flat).toContain('3 562,50 kr');
    expect(flat).toContain('17 812,50 kr');
    expect(flat).not.toContain('Omvänd betalningsskyldighet');
    expect(flat).not.toContain('UTKAST');
  });

  it('reverse charge: VAT 0, the text and both VAT numbers; English for a foreign buyer', async () => {
    const base = sampleInvoice(1);
    const { flat } = await render(
      sampleInvoice(1, {
        locale: 'en',
        vatTreatment: 'eu_reverse_charge',
        buyer: { ...base.buyer, name: 'Kunde GmbH', country: 'DE', vatNumber: 'DE123456789', postalCode: '10115', city: 'Berlin' },
        lines: base.lines.map((l) => ({ ...l, vatRate: 0 })),
        vatSummary: [{ vatRate: 0, taxableOre: base.netOre, vatOre: 0 }],
        vatOre: 0,
        totalOre: base.netOre,
      }),
    );
    expect(flat).toContain('Omvänd betalningsskyldighet');
    expect(flat).toContain('SE800101001901');
    expect(flat).toContain("Buyer's VAT no DE123456789");
    expect(flat).toContain('VAT 0 %');
    expect(flat).toContain('DE');
  });

  it('a credit note says Kreditnota with its own date label, references the original, shows what the buyer gets back and asks for no payment', async () => {
    const original = sampleInvoice(1);
    const { flat } = await render(
      sampleInvoice(1, {
        kind: 'credit_note',
        number: '43',
        credits: { number: '42', issueDate: '2026-11-20' },
        lines: original.lines.map((l) => ({ ...l, quantity: `-${l.quantity}`, amountOre: -l.amountOre })),
        vatSummary: original.vatSummary.map((r) => ({ ...r, taxableOre: -r.taxableOre, vatOre: -r.vatOre })),
        netOre: -original.netOre,
        vatOre: -original.vatOre,
        totalOre: -original.totalOre,
      }),
    );
    expect(flat).toContain('Kreditnota');
    expect(flat).toContain('Kreditnotanummer 43');
    expect(flat).toContain('Krediterar faktura 42 daterad 2026-11-20');
    // The rule that makes a credit note an invoice: its unambiguous reference to the original.
    expect(flat).toContain('(ändringsfaktura, 17 kap. 22 § mervärdesskattelagen 2023:200)');
    expect(flat).toContain('Kreditnotadatum 2026-11-20');
    expect(flat).not.toContain('Fakturadatum');
    expect(flat).toContain('Summa kredit inkl. moms');
    expect(flat).toMatch(/[−-]14 843,75 kr/);
    expect(flat).toContain('Ingen betalning ska göras. Ni får tillbaka 14 843,75 kr.');
    // No payment request: no due date, no OCR, no bankgiro, no "Att betala".
    for (const absent of ['Förfallodag', 'OCR-nummer', 'Ange OCR-nummer vid betalning', 'Bankgiro', 'IBAN', 'Att betala', '2026-12-20']) {
      expect(flat, absent).not.toContain(absent);
    }
    const en = await render(
      sampleInvoice(1, {
        locale: 'en',
        kind: 'credit_note',
        number: '43',
        credits: { number: '42', issueDate: '2026-11-20' },
        totalOre: -original.totalOre,
      }),
    );
    expect(en.flat).toContain('Credit note date 2026-11-20');
    expect(en.flat).toContain('No payment is due. You get 14 843,75 kr back.');
  });

  it('a draft preview is marked as a draft on every page', async () => {
    const { flat } = await render(sampleInvoice(40, { number: null, ocrReference: null }));
    expect(flat.match(/UTKAST – EJ SKICKAD/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('numbers pages on a multi-page invoice, embeds its fonts, is A4 with metadata', async () => {
    const { flat, fonts, info } = await render(sampleInvoice(40));
    expect(flat).toContain('Sida 1 av 2');
    expect(flat).toContain('Sida 2 av 2');
    const fontRows = fonts.split('\n').slice(2).filter(Boolean);
    expect(fontRows.length).toBeGreaterThan(0);
    for (const row of fontRows) expect(row).toMatch(/LiberationSans.*\byes\b.*\byes\b/); // embedded, subset
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    expect(info).toMatch(/Title:\s+Faktura 42 – Åsa Öberg Konsult/);
    expect(info).toMatch(/Author:\s+Åsa Öberg Konsult/);
    expect(info).toMatch(/Pages:\s+2/);
  });

  const embeddedOnly = (fonts: string) => {
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/LiberationSans.*\byes\b.*\byes\b/);
  };

  it('prints å ä ö é ü and a name that had a line break in the embedded fonts', async () => {
    const seller = toSingleLine('Åsa Öberg\nKonsult');
    const invoice = sampleInvoice(2, {
      seller: { ...sampleInvoice().seller, name: seller },
      buyer: { ...sampleInvoice().buyer, name: 'Müller & Söhne Café', addressLine1: 'Ängsgränd 5, Övre plan' },
      message: 'Tack!\nÉn rad till: å ä ö é ü Å Ä Ö É Ü',
    });
    invoice.lines[0].description = 'Rådgivning – é ü å ä ö';
    const { flat, fonts } = await render(invoice);
    for (const text of [
      'Åsa Öberg Konsult',
      'Müller & Söhne Café',
      'Ängsgränd 5, Övre plan',
      'Rådgivning – é ü å ä ö',
      'Én rad till: å ä ö é ü Å Ä Ö É Ü',
    ]) {
      expect(flat).toContain(text);
    }
    embeddedOnly(fonts);
  });

  // Latin-1, Latin Extended-A and the dashes, quotes and € Swedish text uses. Scripts the font
  // lacks (e.g. U+0180 ƀ, CJK, emoji) still fall back to a non-embedded font: not yet handled.
  const latin = fc
    .oneof(
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.integer({ min: 0xa0, max: 0x17f }),
      fc.constantFrom(0x2013, 0x2014, 0x2019, 0x201c, 0x201d, 0x20ac),
    )
    .map((cp) => String.fromCodePoint(cp));

  it('property: any Latin-script name the database accepts is drawn with the embedded fonts only', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: latin, minLength: 1, maxLength: 40 }).filter((s) => isSingleLine(s) && s.trim().length > 0),
        async (name) => {
          const { fonts } = await render(sampleInvoice(1, { buyer: { ...sampleInvoice().buyer, name } }));
          embeddedOnly(fonts);
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);

  it('the same frozen invoice always renders to the same bytes', async () => {
    const a = await renderInvoicePdf(sampleInvoice(5));
    // Another document in between (its bold "Ö" once broke the bold "O" of later renders).
    await renderInvoicePdf(sampleInvoice(2, { locale: 'en', vatTreatment: 'eu_reverse_charge' }));
    const b = await renderInvoicePdf(sampleInvoice(5));
    expect(Buffer.compare(a, b)).toBe(0);
    const other = await renderInvoicePdf(sampleInvoice(5, { number: '43' }));
    expect(Buffer.compare(a, other)).not.toBe(0);
  });
});
