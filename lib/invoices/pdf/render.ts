// Renders an invoice to PDF bytes. Deterministic: fixed creation date, embedded fonts loaded fresh
// for each document, no random ids, so a frozen invoice always gives the same bytes (the archive
// check relies on it). Renders run one at a time because the font registry is process-wide.
import { renderToBuffer } from '@react-pdf/renderer';
import { createElement } from 'react';
import { InvoiceDocument } from './document';
import { registerFreshInvoiceFonts } from './fonts';
import type { PdfInvoice } from './model';

let queue: Promise<unknown> = Promise.resolve();

export function renderInvoicePdf(invoice: PdfInvoice): Promise<Buffer> {
  const next = queue.then(() => {
    registerFreshInvoiceFonts();
    return renderToBuffer(createElement(InvoiceDocument, { invoice }) as Parameters<typeof renderToBuffer>[0]);
  });
  queue = next.catch(() => undefined);
  return next;
}
