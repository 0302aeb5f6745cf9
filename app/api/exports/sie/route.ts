// The period's invoices as an SIE 4I file (CP437): /api/exports/sie?from=&to=
import { buildSieExport } from '@/lib/exports/sie/export';
import { periodSuffix } from '@/lib/exports/filter';
import { attachment, exportFilter, readForDownload, refusal } from '@/lib/exports/route';

export async function GET(request: Request) {
  try {
    const filter = exportFilter(request);
    const bytes = await readForDownload('sie', async (tx, workspace) => {
      const sie = await buildSieExport(tx, workspace.id, filter);
      return { value: sie.bytes, details: { ...filter, count: sie.count } };
    });
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': 'text/plain; charset=IBM437',
        'content-disposition': attachment(`fakturor-${periodSuffix(filter)}.se`),
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return refusal(error);
  }
}
