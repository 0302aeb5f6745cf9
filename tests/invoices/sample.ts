// A complete sent invoice as the PDF renderer receives it, for the invoicing tests and benchmarks.
import type { PdfInvoice } from '../../lib/invoices/pdf/model';
import { computeTotals } from '../../lib/invoices/totals';

export function sampleInvoice(lineCount = 3, overrides: Partial<PdfInvoice> = {}): PdfInvoice {
  const lines = Array.from({ length: lineCount }, (_, i) => ({
    description: i === 0 ? 'Konsulttimmar – Åtgärdsplan för växthusets ventilation' : `Uppgift ${i + 1}: granskning och överlämning`,
    quantity: i === 0 ? '12.50' : '1.25',
    unit: 'h',
    unitPriceOre: 95_000,
    vatRate: i % 7 === 3 ? 12 : 25,
  }));
  const totals = computeTotals(lines);
  return {
    locale: 'sv',
    kind: 'invoice',
    number: '42',
    issueDate: '2026-11-20',
    supplyDate: null,
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    dueDate: '2026-12-20',
    ocrReference: '422',
    reverseCharge: false,
    message: 'Tack för uppdraget! Hör av dig om något är oklart.',
    seller: {
      name: 'Åsa Öberg Konsult',
      orgNumber: '800101-0019',
      vatNumber: 'SE800101001901',
      addressLine1: 'Ängsvägen 3',
      addressLine2: null,
      postalCode: '123 45',
      city: 'Västerås',
      country: 'SE',
      email: 'asa@example.test',
      phone: '070-123 45 67',
      fSkatt: true,
      bankgiro: '5050-1055',
      plusgiro: null,
      iban: 'SE4550000000058398257466',
      bic: 'ESSESESS',
      footer: null,
    },
    buyer: {
      name: 'Kundbolaget Öst AB',
      orgNumber: '556677-8899',
      vatNumber: 'SE556677889901',
      addressLine1: 'Kundvägen 2',
      addressLine2: null,
      postalCode: '222 33',
      city: 'Malmö',
      country: 'SE',
      email: 'ekonomi@kund.example',
    },
    lines: lines.map((l, i) => ({ ...l, amountOre: totals.lineAmounts[i] })),
    vatSummary: totals.vatSummary,
    netOre: totals.netOre,
    vatOre: totals.vatOre,
    totalOre: totals.totalOre,
    credits: null,
    createdAt: new Date('2026-11-20T09:30:00Z'),
    ...overrides,
  };
}
