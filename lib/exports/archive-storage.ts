// Reads archived invoice PDFs from Storage with the user's own session, so the storage.objects
// policies decide (owner and accountant of the workspace). Never called inside a transaction.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Tx } from '@/lib/db/transaction';
import { ARCHIVE_BUCKET, storageArchive } from '@/lib/invoices/archive';
import { pdfFileName } from '@/lib/invoices/download';
import type { ExportInvoice } from './invoices';
import type { ZipItem } from './zip';

/** The archived bytes; missing or not readable by this session is an error (the download stops). */
export async function downloadArchivedPdf(supabase: SupabaseClient, path: string): Promise<Buffer> {
  const bytes = await storageArchive(supabase).get(path);
  if (!bytes) throw new Error(`archived PDF unavailable: ${path}`);
  return bytes;
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
      where bucket_id = $1 and name = any($2::text[])`,
    [ARCHIVE_BUCKET, invoices.map((i) => i.pdfPath).filter(Boolean)],
  );
  return rows[0].bytes;
}
