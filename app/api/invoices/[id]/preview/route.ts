// The draft as its PDF will look, marked as a draft (rendered from the current profile and client
// details; nothing is stored). A sent invoice's preview is its archived original.
import { loadPdfInvoice } from '@/lib/invoices/pdf/load';
import { withLogo } from '@/lib/invoices/pdf/logo';
import { renderInvoicePdf } from '@/lib/invoices/pdf/render';
import { uuid } from '@/lib/invoices/schemas';
import { invoiceSession } from '@/lib/invoices/session';
import { route } from '@/lib/request/route';

export const GET = route<'member', { id: string }>({ access: 'member' }, async (ctx, request, { id }) => {
  const { t } = ctx;
  if (!uuid.safeParse(id).success) return new Response(t('invoices.invoice.notFound'), { status: 404 });
  const { run, archive } = await invoiceSession(ctx);
  const invoice = await run((tx) => loadPdfInvoice(tx, id));
  if (!invoice) return new Response(t('invoices.invoice.notFound'), { status: 404 });
  if (invoice.number !== null) return Response.redirect(new URL(`/api/invoices/${id}/pdf`, request.url), 303);
  // The logo is fetched after the transaction has closed.
  const bytes = await renderInvoicePdf(await withLogo(invoice, archive.logo));
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': 'inline; filename="utkast.pdf"',
      'cache-control': 'private, no-store',
    },
  });
});
