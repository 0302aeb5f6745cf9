// Renders an invoice to PDF bytes. Deterministic: fixed creation date, embedded fonts, no random
// ids, so a frozen invoice always gives the same bytes (the archive check relies on it).
import { renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import { InvoiceDocument } from './document';
import { registerInvoiceFonts } from './fonts';
import type { PdfInvoice } from './model';

export async function renderInvoicePdf(invoice: PdfInvoice): Promise<Buffer> {
  registerInvoiceFonts();
  return renderToBuffer(createElement(InvoiceDocument, { invoice }) as Parameters<typeof renderToBuffer>[0]);
}
