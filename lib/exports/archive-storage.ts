// Reads archived invoice PDFs from Storage with the user's own session, so the storage.objects
// policies decide (owner and accountant of the workspace). Never called inside a transaction.
import type { SupabaseClient } from '@supabase/supabase-js';
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
