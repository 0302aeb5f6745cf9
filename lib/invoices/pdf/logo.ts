// The seller's logo on the PDF. Its bytes come from Storage, so they are fetched between the
// database transactions (never inside one) and handed to the renderer with the invoice. Only
// PNG and JPEG can be embedded; the format is read from the bytes, not from the name.
import type { PdfInvoice, PdfLogo } from './model';

export type ReadLogo = (path: string) => Promise<Buffer | null>;

export function logoFormat(bytes: Buffer): PdfLogo['format'] | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  return null;
}

/** The invoice with its logo attached when it has one that can be read and embedded. */
export async function withLogo(invoice: PdfInvoice, read: ReadLogo): Promise<PdfInvoice> {
  if (!invoice.logoPath) return invoice;
  const bytes = await read(invoice.logoPath);
  const format = bytes ? logoFormat(bytes) : null;
  if (!bytes || !format) {
    console.error('Invoice logo not embedded:', invoice.logoPath, bytes ? 'not PNG or JPEG' : 'not found');
    return invoice;
  }
  return { ...invoice, logo: { data: bytes, format } };
}
