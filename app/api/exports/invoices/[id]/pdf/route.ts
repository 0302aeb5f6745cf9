// The archived original PDF of one invoice or credit note: /api/exports/invoices/{id}/pdf
import { z } from 'zod';
import { downloadArchivedPdf } from '@/lib/exports/archive-storage';
import { fileResponseHeaders } from '@/lib/files/content-type';
import { attachment, readForDownload } from '@/lib/exports/download-log';
import { pdfFileName } from '@/lib/invoices/download';
import { notFound, route } from '@/lib/request/route';
import { createClient } from '@/lib/supabase/server';

export const GET = route<'member', { id: string }>({ access: 'member' }, async (ctx, _request, { id }) => {
  if (!z.uuid().safeParse(id).success) throw notFound('invoices.invoice.notFound');
  const invoice = await readForDownload(ctx, 'invoice_pdf', async (tx) => {
    const { rows } = await tx.query<{ kind: 'invoice' | 'credit_note'; number: number; path: string | null }>(
      `select kind, number::int as number, pdf_path as path from public.invoices where id = $1 and status <> 'draft'`,
      [id],
    );
    // Another tenant's id, a draft and an invoice without archived PDF all look the same.
    if (!rows[0]?.path) throw notFound('invoices.invoice.notFound');
    return { value: { ...rows[0], path: rows[0].path }, details: { invoice_id: id, number: rows[0].number } };
  });
  const bytes = await downloadArchivedPdf(await createClient(), invoice.path);
  return new Response(new Uint8Array(bytes), {
    headers: {
      ...fileResponseHeaders('application/pdf', attachment(pdfFileName(invoice))),
      'cache-control': 'no-store',
    },
  });
});
