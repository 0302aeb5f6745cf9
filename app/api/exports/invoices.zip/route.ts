// All archived PDFs of a period as one ZIP, streamed: /api/exports/invoices.zip?from=&to=&status=
// X-Total-Files and X-Total-Bytes (the PDFs' sizes) let the portal show progress.
import { Readable } from 'node:stream';
import { archivedBytes, archivedPdfItems } from '@/lib/exports/archive-storage';
import { listExportInvoices } from '@/lib/exports/invoices';
import { zipFileName } from '@/lib/exports/filter';
import { attachment, exportFilter, readForDownload } from '@/lib/exports/download-log';
import { zipStream } from '@/lib/exports/zip';
import { route } from '@/lib/request/route';
import { createClient } from '@/lib/supabase/server';

export const GET = route({ access: 'member' }, async (ctx, request) => {
  const filter = exportFilter(request);
  const { invoices, bytes } = await readForDownload(ctx, 'zip', async (tx) => {
    const invoices = (await listExportInvoices(tx, filter)).filter((i) => i.pdfPath);
    return { value: { invoices, bytes: await archivedBytes(tx, invoices) }, details: { ...filter, count: invoices.length } };
  });
  // The transaction is closed: Storage is read afterwards, with the user's session.
  const supabase = await createClient();
  const archive = zipStream(archivedPdfItems(supabase, invoices));
  archive.on('error', (error) => console.error('ZIP export failed:', error.message));
  return new Response(Readable.toWeb(archive) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': attachment(zipFileName(filter)),
      'x-total-files': String(invoices.length),
      'x-total-bytes': String(bytes),
      'cache-control': 'no-store',
    },
  });
});
