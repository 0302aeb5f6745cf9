// Hands out the archived original of a sent invoice, only when its bytes still hash to the
// SHA-256 recorded at send. A mismatch is refused, logged to the server log and recorded as a
// pdf_mismatch event on the invoice. downloadInvoicePdf is the one download: the owner's route
// and the accountant's export route both answer with it, and each download is logged.
// The row is read before the Storage fetch and the outcome written after it: the download is
// logged only once the bytes proved genuine, a tampered file records the mismatch and logs nothing.
import { fileResponseHeaders } from '@/lib/files/content-type';
import type { RequestContext } from '@/lib/request/context';
import type { InvoiceArchive } from './archive';
import { uuid } from './schemas';
import { sha256Hex, type RunAsUser } from './send';
import { invoiceSession } from './session';

/** The invoice's file name in downloads: faktura-12.pdf, kreditnota-13.pdf. */
export function pdfFileName(invoice: { kind: string; number: number | string | null }): string {
  return `${invoice.kind === 'credit_note' ? 'kreditnota' : 'faktura'}-${invoice.number}.pdf`;
}

export type ArchivedOriginal =
  | { ok: true; bytes: Buffer; filename: string; workspaceId: string; number: number }
  | { ok: false; reason: 'not_found' | 'not_archived' | 'mismatch' };

export async function readArchivedOriginal(
  run: RunAsUser,
  archive: InvoiceArchive,
  invoiceId: string,
  { logDownload = false } = {},
): Promise<ArchivedOriginal> {
  const row = await run(async (tx) => {
    const { rows } = await tx.query<{
      workspace_id: string;
      kind: string;
      number: string | null;
      pdf_path: string | null;
      pdf_sha256: string | null;
    }>(
      `select i.workspace_id, i.kind, i.number::text, i.pdf_path, i.pdf_sha256
         from public.invoices i where i.id = $1 and i.status <> 'draft'`,
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
  if (logDownload) {
    await run((tx) =>
      tx.query(`select public.log_download($1, 'invoice_pdf', jsonb_build_object('invoice_id', $2::uuid, 'number', $3::bigint))`, [
        row.workspace_id,
        invoiceId,
        row.number,
      ]),
    );
  }
  return { ok: true, bytes, filename: pdfFileName(row), workspaceId: row.workspace_id, number: Number(row.number) };
}

/**
 * A download of the archived original: checked against its SHA-256 (a tampered file is refused,
 * never served) and, once genuine, logged in export_downloads. Only reads
 * otherwise: an archive an interrupted send left unfinished is 'not_archived' (and not logged)
 * until the archive job (lib/jobs) finishes it.
 */
export function downloadInvoicePdf(run: RunAsUser, archive: InvoiceArchive, invoiceId: string): Promise<ArchivedOriginal> {
  return readArchivedOriginal(run, archive, invoiceId, { logDownload: true });
}

const STATUS = { not_found: 404, not_archived: 503, mismatch: 409 } as const;
const MESSAGE = {
  not_found: 'invoices.invoice.notFound',
  not_archived: 'invoices.invoice.archivePending',
  mismatch: 'invoices.errors.pdfMismatch',
} as const;

/** GET of an invoice PDF, for owner and accountant alike (RLS and Storage policies decide what they see). */
export async function invoicePdfResponse(ctx: RequestContext<'member'>, invoiceId: string): Promise<Response> {
  const { t } = ctx;
  const text = { 'content-type': 'text/plain; charset=utf-8' };
  if (!uuid.safeParse(invoiceId).success) return new Response(t(MESSAGE.not_found), { status: 404, headers: text });
  const { run, archive } = await invoiceSession(ctx);
  const original = await downloadInvoicePdf(run, archive, invoiceId);
  if (!original.ok) return new Response(t(MESSAGE[original.reason]), { status: STATUS[original.reason], headers: text });
  return new Response(new Uint8Array(original.bytes), {
    headers: {
      ...fileResponseHeaders('application/pdf', `attachment; filename="${original.filename}"`),
      'cache-control': 'private, no-store',
    },
  });
}
