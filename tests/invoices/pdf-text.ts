// Renders an invoice and reads the PDF back with poppler: its text (pdftotext), fonts, info and
// embedded images, the way the PDF tests check what a reader of the invoice sees.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PdfInvoice } from '../../lib/invoices/pdf/model';
import { renderInvoicePdf } from '../../lib/invoices/pdf/render';

const dir = mkdtempSync(path.join(os.tmpdir(), 'invoice-pdf-'));
let n = 0;

export async function renderAndRead(invoice: PdfInvoice) {
  const bytes = await renderInvoicePdf(invoice);
  const file = path.join(dir, `${n++}.pdf`);
  writeFileSync(file, bytes);
  const tool = (cmd: string, ...args: string[]) =>
    execFileSync(cmd, [...args, file, ...(cmd === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  // Spaces collapsed (pdftotext lays columns out with runs of spaces; amounts use no-break spaces).
  const text = tool('pdftotext', '-layout', '-enc', 'UTF-8').replace(/[\u00a0\u202f]/g, ' ');
  // pdfimages -list: two header lines, then one row per embedded image.
  const images = tool('pdfimages', '-list').split('\n').slice(2).filter(Boolean);
  return { bytes, text, flat: text.replace(/\s+/g, ' '), fonts: tool('pdffonts'), info: tool('pdfinfo'), images };
}
