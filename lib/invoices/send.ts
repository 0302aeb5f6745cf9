// Sending an invoice, built to survive a crash between any two steps:
//   1. send_invoice() in its own transaction: number, snapshots, locked hours (commits or not at all);
//   2. render the PDF from the frozen row, outside any transaction (deterministic bytes), with the
//      logo its seller snapshot names, fetched from Storage after the reading transaction;
//   3. upload it to invoice-archive at {workspace}/{series}-{number}.pdf (insert-only);
//   4. record_invoice_pdf() in a second short transaction: path and SHA-256, once.
// A sent invoice whose pdf_path is still null was interrupted after step 1; finishArchive() redoes
// steps 2-4 and is idempotent: an object left by an interrupted step 3 is kept when its bytes are
// the deterministic render, else the render goes next to it under a name with its hash (an
// archive object is never replaced). Recovery is a job (lib/jobs/archive.ts, `npm run jobs`);
// pages only show the invoice as being archived.
import { createHash } from 'node:crypto';
import type { Tx } from '@/lib/db/transaction';
import type { InvoiceArchive } from './archive';
import { loadPdfInvoice } from './pdf/load';
import { withLogo } from './pdf/logo';
import { renderInvoicePdf } from './pdf/render';

/** Runs fn as the acting user: the request's transaction in the app (lib/request), actAsUser in scripts. */
export type RunAsUser = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

export interface ArchivedPdf {
  path: string;
  sha256: string;
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Step 1: the database send. Throws the database's error (incomplete, not a draft ...). */
export async function sendInDatabase(run: RunAsUser, invoiceId: string): Promise<void> {
  await run((tx) => tx.query('select id from public.send_invoice($1)', [invoiceId]));
}

/** Steps 2-4 for a sent invoice; returns the recorded archive entry. */
export async function finishArchive(run: RunAsUser, archive: InvoiceArchive, invoiceId: string): Promise<ArchivedPdf> {
  const loaded = await run(async (tx) => {
    const { rows } = await tx.query<{
      workspace_id: string;
      series: string;
      number: string | null;
      pdf_path: string | null;
      pdf_sha256: string | null;
    }>(`select workspace_id, series, number::text, pdf_path, pdf_sha256 from public.invoices where id = $1`, [invoiceId]);
    return rows[0] && !rows[0].pdf_path && rows[0].number
      ? { row: rows[0], pdf: await loadPdfInvoice(tx, invoiceId) }
      : { row: rows[0], pdf: null };
  });
  if (!loaded.row) throw Object.assign(new Error('invoice_not_found'), { code: 'P0002' });
  if (loaded.row.pdf_path && loaded.row.pdf_sha256) return { path: loaded.row.pdf_path, sha256: loaded.row.pdf_sha256 };
  if (!loaded.pdf || !loaded.row.number) throw Object.assign(new Error('invoice_not_sent'), { code: '55000' });

  const bytes = await renderInvoicePdf(await withLogo(loaded.pdf, archive.logo));
  const sha256 = sha256Hex(bytes);
  const base = `${loaded.row.workspace_id}/${loaded.row.series}-${loaded.row.number}`;
  let path = `${base}.pdf`;
  if ((await archive.put(path, bytes)) === 'exists') {
    const stored = await archive.get(path);
    if (!stored || !stored.equals(bytes)) {
      path = `${base}-${sha256.slice(0, 16)}.pdf`;
      if ((await archive.put(path, bytes)) === 'exists' && !(await archive.get(path))?.equals(bytes)) {
        throw new Error(`archive object ${path} exists with other bytes`);
      }
    }
  }
  try {
    await run((tx) => tx.query('select id from public.record_invoice_pdf($1, $2, $3)', [invoiceId, path, sha256]));
  } catch (error) {
    // Another request finished the same invoice first: theirs is the record.
    if ((error as Error).message !== 'invoice_pdf_already_recorded') throw error;
    return finishArchive(run, archive, invoiceId);
  }
  return { path, sha256 };
}

/** The whole send: the database step, then the archive steps. */
export async function sendInvoice(run: RunAsUser, archive: InvoiceArchive, invoiceId: string): Promise<ArchivedPdf> {
  await sendInDatabase(run, invoiceId);
  return finishArchive(run, archive, invoiceId);
}
