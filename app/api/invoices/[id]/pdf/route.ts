// The archived original of a sent invoice, checked against its recorded SHA-256 on the way out:
// a mismatch is refused with 409 (and logged by readArchivedOriginal). Owner and accountant alike;
// Storage policies and RLS decide what they may read.
import { fileResponseHeaders } from '@/lib/files/content-type';
import { readArchivedOriginal } from '@/lib/invoices/download';
import { uuid } from '@/lib/invoices/schemas';
import { finishArchive } from '@/lib/invoices/send';
import { invoiceSession } from '@/lib/invoices/session';
import { route } from '@/lib/request/route';

export const GET = route<'member', { id: string }>({ access: 'member' }, async (ctx, _request, { id }) => {
  const { t } = ctx;
  if (!uuid.safeParse(id).success) return new Response(t('invoices.invoice.notFound'), { status: 404 });
  const { run, archive } = await invoiceSession(ctx);
  let original = await readArchivedOriginal(run, archive, id);
  if (!original.ok && original.reason === 'not_archived') {
    // Sent but interrupted before the archive: finish it now (owner only; else it stays pending).
    await finishArchive(run, archive, id).catch((error: Error) => console.error('Invoice archive recovery failed:', id, error.message));
    original = await readArchivedOriginal(run, archive, id);
  }
  if (!original.ok) {
    if (original.reason === 'mismatch') return new Response(t('invoices.errors.pdfMismatch'), { status: 409, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const status = original.reason === 'not_found' ? 404 : 503;
    return new Response(t(original.reason === 'not_found' ? 'invoices.invoice.notFound' : 'invoices.invoice.archivePending'), {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(new Uint8Array(original.bytes), {
    headers: {
      ...fileResponseHeaders('application/pdf', `attachment; filename="${original.filename}"`),
      'cache-control': 'private, no-store',
    },
  });
});
