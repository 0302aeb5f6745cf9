// A complete sent invoice as the PDF renderer receives it, for the invoicing tests and benchmarks.
import { crc32, deflateSync } from 'node:zlib';
import type { PdfInvoice } from '../../lib/invoices/pdf/model';
import { computeTotals } from '../../lib/invoices/totals';

export function sampleInvoice(lineCount = 3, overrides: Partial<PdfInvoice> = {}): PdfInvoice {
  const lines = Array.from({ length: lineCount }, (_, i) => ({
    description: i === 0 ? 'Konsulttimmar – Åtgärdsplan för växthusets ventilation' : `Uppgift ${i + 1}: granskning och överlämning`,
    quantity: i === 0 ? '12.50' : '1.25',
    unit: 'h',
    unitPriceOre: 95_000,
    vatRate: i % 7 === 3 ? 12 : 25,
    kind: 'item' as const,
    exemptionReason: null,
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
    vatTreatment: 'domestic',
    buyerReference: null,
    sellerReference: null,
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
    roundingOre: totals.roundingOre,
    totalOre: totals.totalOre,
    logoPath: null,
    logo: null,
    credits: null,
    createdAt: new Date('2026-11-20T09:30:00Z'),
    ...overrides,
  };
}

/** A real PNG (width × height, solid colour) built byte by byte, for the logo tests. */
export function solidPng(width = 40, height = 20, rgb: [number, number, number] = [0x1f, 0x6f, 0xeb]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
