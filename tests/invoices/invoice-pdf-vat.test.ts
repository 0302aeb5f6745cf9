// What the PDF says per VAT treatment (the text and its reference in ML 2023:200), exemption
// reasons, discount lines, öresavrundning, Er/Vår referens and the embedded logo, read back with
// pdftotext and pdfimages.
import { describe, expect, it } from 'vitest';
import type { PdfInvoice, PdfLine } from '../../lib/invoices/pdf/model';
import { withLogo } from '../../lib/invoices/pdf/logo';
import { computeTotals, percentDiscountLine } from '../../lib/invoices/totals';
import { renderAndRead as render } from './pdf-text';
import { sampleInvoice, solidPng } from './sample';

/** The sample invoice with these lines, its totals computed as the app computes them. */
function withLines(lines: Omit<PdfLine, 'amountOre'>[], overrides: Partial<PdfInvoice> = {}, roundToKrona = false): PdfInvoice {
  const totals = computeTotals(lines, { roundToKrona });
  return sampleInvoice(1, {
    lines: lines.map((l, i) => ({ ...l, amountOre: totals.lineAmounts[i] })),
    vatSummary: totals.vatSummary,
    netOre: totals.netOre,
    vatOre: totals.vatOre,
    roundingOre: totals.roundingOre,
    totalOre: totals.totalOre,
    ...overrides,
  });
}

const consulting = (vatRate: number, extra: Partial<PdfLine> = {}): Omit<PdfLine, 'amountOre'> => ({
  description: 'Konsulttimmar',
  quantity: '8.00',
  unit: 'h',
  unitPriceOre: 95_000,
  vatRate,
  kind: 'item',
  exemptionReason: null,
  ...extra,
});

describe('invoice PDF: VAT treatments', () => {
  it('a buyer outside the EU gets no Swedish VAT, the reason with its ML reference, and no EU reverse-charge text', async () => {
    const base = sampleInvoice(1);
    const { flat } = await render(
      withLines([consulting(0)], {
        locale: 'en',
        vatTreatment: 'outside_eu',
        buyer: { ...base.buyer, name: 'Fjordkonsult AS', country: 'NO', vatNumber: 'NO923609016MVA', postalCode: '0150', city: 'Oslo' },
      }),
    );
    expect(flat).toContain('No Swedish VAT: the service is supplied outside the EU (ch. 6 Swedish VAT Act 2023:200).');
    expect(flat).not.toContain('Omvänd betalningsskyldighet');
    expect(flat).toContain('VAT 0 %');
  });

  it('the Swedish text for a buyer outside the EU', async () => {
    const { flat } = await render(withLines([consulting(0)], { vatTreatment: 'outside_eu' }));
    expect(flat).toContain('Ingen svensk moms: tjänsten är omsatt utanför EU (6 kap. mervärdesskattelagen 2023:200).');
  });

  it('reverse charge to another EU country: the text, its reference and both VAT numbers', async () => {
    const base = sampleInvoice(1);
    const { flat } = await render(
      withLines([consulting(0)], {
        vatTreatment: 'eu_reverse_charge',
        buyer: { ...base.buyer, name: 'Kunde GmbH', country: 'DE', vatNumber: 'DE123456789', postalCode: '10115', city: 'Berlin' },
      }),
    );
    expect(flat).toContain('Omvänd betalningsskyldighet');
    expect(flat).toContain('6 kap. mervärdesskattelagen 2023:200; art. 44 och 196 mervärdesskattedirektivet');
    expect(flat).toContain('Momsreg.nr SE800101001901');
    expect(flat).toContain('Köparens momsreg.nr DE123456789');
    expect(flat).not.toContain('Ingen svensk moms');
  });

  it('domestic 25/12/6 % prints no treatment text', async () => {
    const { flat } = await render(withLines([consulting(25), consulting(12), consulting(6)]));
    for (const rate of [25, 12, 6]) expect(flat).toContain(`Underlag moms ${rate} %`);
    expect(flat).not.toMatch(/Omvänd betalningsskyldighet|Ingen svensk moms|Undantaget från skatteplikt/);
  });

  it('a domestic 0 % line prints its exemption reason with the reference, once per reason', async () => {
    const { flat } = await render(
      withLines([
        consulting(25),
        consulting(0, { exemptionReason: 'education' }),
        consulting(0, { description: 'Kursdag 2', exemptionReason: 'education' }),
      ]),
    );
    const text =
      'Undantaget från skatteplikt: utbildning (10 kap. mervärdesskattelagen 2023:200; art. 132.1 i–j mervärdesskattedirektivet).';
    expect(flat).toContain(text);
    expect(flat.split(text)).toHaveLength(2);
    const en = await render(withLines([consulting(0, { exemptionReason: 'healthcare' })], { locale: 'en' }));
    expect(en.flat).toContain('Exempt from VAT: medical care (ch. 10 Swedish VAT Act 2023:200; VAT Directive art. 132(1)(b)–(c)).');
  });
});

describe('invoice PDF: discounts, rounding, references, logo', () => {
  it('a percentage discount line with its VAT rate lowers the base and the amount due', async () => {
    // 8 h × 950 kr = 7 600 kr at 25 %; 10 % off = −760 kr; 6 840 kr + 1 710 kr VAT = 8 550 kr.
    const discount = {
      ...consulting(25),
      ...percentDiscountLine(760_000, 10),
      description: 'Rabatt 10 %',
      unit: 'st',
      kind: 'discount' as const,
    };
    const { flat } = await render(withLines([consulting(25), discount]));
    expect(flat).toMatch(/Rabatt 10 % [−-]0,1 st 7 600,00 kr 25 % [−-]760,00 kr/);
    expect(flat).toContain('Underlag moms 25 % 6 840,00 kr');
    expect(flat).toContain('Moms 25 % 1 710,00 kr');
    expect(flat).toContain('Att betala 8 550,00 kr');
  });

  it('öresavrundning is its own row and the amount due is whole kronor', async () => {
    // 1 × 123,45 kr at 25 %: 123,45 + 30,86 = 154,31 → 154,00 kr, rounding −0,31 kr.
    const { flat } = await render(withLines([consulting(25, { quantity: '1.00', unitPriceOre: 12_345 })], {}, true));
    expect(flat).toMatch(/Öresavrundning [−-]0,31 kr/);
    expect(flat).toContain('Att betala 154,00 kr');
    const unrounded = await render(withLines([consulting(25, { quantity: '1.00', unitPriceOre: 12_345 })]));
    expect(unrounded.flat).not.toContain('Öresavrundning');
    expect(unrounded.flat).toContain('Att betala 154,31 kr');
  });

  it('prints Er referens and Vår referens', async () => {
    const { flat } = await render(sampleInvoice(1, { buyerReference: 'Anna Andersson, order 4711', sellerReference: 'Åsa Öberg' }));
    expect(flat).toContain('Er referens Anna Andersson, order 4711');
    expect(flat).toContain('Vår referens Åsa Öberg');
    const en = await render(sampleInvoice(1, { locale: 'en', buyerReference: 'PO 12', sellerReference: 'Åsa' }));
    expect(en.flat).toContain('Your reference PO 12');
    expect(en.flat).toContain('Our reference Åsa');
  });

  it('embeds the uploaded logo as an image; without one there is none', async () => {
    const png = solidPng(40, 20);
    const reads: string[] = [];
    const invoice = await withLogo(sampleInvoice(1, { logoPath: 'ws/logo-1.png' }), async (p) => (reads.push(p), png));
    expect(reads).toEqual(['ws/logo-1.png']);
    const { images } = await render(invoice);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+\d+\s+image\s+40\s+20\s+rgb/);
    expect((await render(sampleInvoice(1))).images).toHaveLength(0);
  });

  it('a logo that is missing or not PNG/JPEG renders the invoice without it', async () => {
    const webp = Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1');
    for (const bytes of [null, webp]) {
      const invoice = await withLogo(sampleInvoice(1, { logoPath: 'ws/logo.webp' }), async () => bytes);
      expect(invoice.logo).toBeNull();
      expect((await render(invoice)).images).toHaveLength(0);
    }
  });
});
