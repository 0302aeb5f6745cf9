// All archived PDFs of a period as one ZIP, streamed: /api/exports/invoices.zip?from=&to=&status=
// X-Total-Files tells the browser how many files come, for its progress bar.
import { Readable } from 'node:stream';
import { archivedPdfItems } from '@/lib/exports/archive-storage';
import { listExportInvoices } from '@/lib/exports/invoices';
import { attachment, exportFilter, periodSuffix, readForDownload, refusal } from '@/lib/exports/route';
import { zipStream } from '@/lib/exports/zip';
import { createClient } from '@/lib/supabase/server';

export async function GET(request: Request) {
  try {
    const filter = exportFilter(request);
    const invoices = await readForDownload('zip', async (tx) => {
      const value = (await listExportInvoices(tx, filter)).filter((i) => i.pdfPath);
      return { value, details: { ...filter, count: value.length } };
    });
    // The transaction is closed: Storage is read afterwards, with the user's session.
    const supabase = await createClient();
    const archive = zipStream(archivedPdfItems(supabase, invoices));
    archive.on('error', (error) => console.error('ZIP export failed:', error.message));
    return new Response(Readable.toWeb(archive) as ReadableStream<Uint8Array>, {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': attachment(`fakturor-${periodSuffix(filter)}.zip`),
        'x-total-files': String(invoices.length),
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return refusal(error);
  }
}
