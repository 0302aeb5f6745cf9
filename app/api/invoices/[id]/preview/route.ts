// The draft as its PDF will look, marked as a draft (rendered from the current profile and client
// details; nothing is stored). A sent invoice's preview is its archived original.
import { getVerifiedClaims } from '@/lib/auth/claims';
import { loadPdfInvoice } from '@/lib/invoices/pdf/load';
import { withLogo } from '@/lib/invoices/pdf/logo';
import { renderInvoicePdf } from '@/lib/invoices/pdf/render';
import { uuid } from '@/lib/invoices/schemas';
import { invoiceSession } from '@/lib/invoices/session';
import { translator } from '@/lib/i18n/catalogue';
import { getLocale } from '@/lib/i18n/server';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const claims = await getVerifiedClaims();
  if (!claims) return new Response('Unauthorized', { status: 401 });
  const t = translator(await getLocale());
  if (!uuid.safeParse(id).success) return new Response(t('invoices.invoice.notFound'), { status: 404 });
  const { run, archive } = await invoiceSession(claims);
  const invoice = await run((tx) => loadPdfInvoice(tx, id));
  if (!invoice) return new Response(t('invoices.invoice.notFound'), { status: 404 });
  if (invoice.number !== null) return Response.redirect(new URL(`/api/invoices/${id}/pdf`, request.url), 303);
  // The logo is fetched after the transaction has closed.
  const bytes = await renderInvoicePdf(await withLogo(invoice, archive.logo));
  return new Response(new Uint8Array(bytes), {
    headers: { 'content-type': 'application/pdf', 'content-disposition': 'inline; filename="utkast.pdf"', 'cache-control': 'private, no-store' },
  });
}
