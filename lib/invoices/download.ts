// Hands out the archived original of a sent invoice, only when its bytes still hash to the
// SHA-256 recorded at send. A mismatch is refused, logged to the server log and recorded as a
// pdf_mismatch event on the invoice.
import type { InvoiceArchive } from './archive';
import { sha256Hex, type RunAsUser } from './send';

/** The invoice's file name in downloads: faktura-12.pdf, kreditnota-13.pdf. */
export function pdfFileName(invoice: { kind: string; number: number | string | null }): string {
  return `${invoice.kind === 'credit_note' ? 'kreditnota' : 'faktura'}-${invoice.number}.pdf`;
}

export type ArchivedOriginal =
  | { ok: true; bytes: Buffer; filename: string }
  | { ok: false; reason: 'not_found' | 'not_archived' | 'mismatch' };

export async function readArchivedOriginal(run: RunAsUser, archive: InvoiceArchive, invoiceId: string): Promise<ArchivedOriginal> {
  const row = await run(async (tx) => {
    const { rows } = await tx.query<{ kind: string; number: string | null; pdf_path: string | null; pdf_sha256: string | null }>(
      `select kind, number::text, pdf_path, pdf_sha256 from public.invoices where id = $1 and status <> 'draft'`,
      [invoiceId],
    );
    return rows[0];
  });
  if (!row) return { ok: false, reason: 'not_found' };
  if (!row.pdf_path || !row.pdf_sha256) return { ok: false, reason: 'not_archived' };
  const bytes = await archive.get(row.pdf_path);
  const actual = bytes ? sha256Hex(bytes) : 'missing';
  if (!bytes || actual !== row.pdf_sha256) {
    console.error('Archived invoice PDF does not match its recorded SHA-256:', invoiceId, row.pdf_path, row.pdf_sha256, actual);
    await run((tx) => tx.query('select public.record_invoice_pdf_mismatch($1, $2)', [invoiceId, actual]));
    return { ok: false, reason: 'mismatch' };
  }
  return { ok: true, bytes, filename: pdfFileName(row) };
}
