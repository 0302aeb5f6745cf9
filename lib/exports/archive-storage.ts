// Reads archived invoice PDFs from Storage with the user's own session, so the storage.objects
// policies decide (owner and accountant of the workspace). Never called inside a transaction.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Tx } from '@/lib/db/transaction';
import type { ExportInvoice } from './invoices';
import { pdfFileName } from './invoices';
import type { ZipItem } from './zip';

export class ArchivedPdfMissingError extends Error {}

export async function downloadArchivedPdf(supabase: SupabaseClient, path: string): Promise<Uint8Array> {
  const { data, error } = await supabase.storage.from('invoice-archive').download(path);
  if (error || !data) throw new ArchivedPdfMissingError(`archived PDF unavailable: ${error?.message ?? 'no data'}`);
  return new Uint8Array(await data.arrayBuffer());
}

/** The ZIP items of the invoices that have an archived PDF, loaded one at a time when zipped. */
export function archivedPdfItems(supabase: SupabaseClient, invoices: ExportInvoice[]): ZipItem[] {
  return invoices
    .filter((i): i is ExportInvoice & { pdfPath: string } => i.pdfPath !== null)
    .map((i) => ({ name: pdfFileName(i), sha256: i.pdfSha256, load: () => downloadArchivedPdf(supabase, i.pdfPath) }));
}

/** The archived files' total size (Storage metadata, under the same policies), for progress. */
export async function archivedBytes(tx: Tx, invoices: ExportInvoice[]): Promise<number> {
  const { rows } = await tx.query<{ bytes: number }>(
    `select coalesce(sum((metadata ->> 'size')::bigint), 0)::float8 as bytes from storage.objects
      where bucket_id = 'invoice-archive' and name = any($1::text[])`,
    [invoices.map((i) => i.pdfPath).filter(Boolean)],
  );
  return rows[0].bytes;
}
