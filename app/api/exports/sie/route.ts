// The period's invoices as an SIE 4I file (CP437): /api/exports/sie?from=&to=
import { buildSieExport } from '@/lib/exports/sie/export';
import { periodSuffix } from '@/lib/exports/filter';
import { attachment, exportFilter, readForDownload } from '@/lib/exports/download-log';
import { route } from '@/lib/request/route';

export const GET = route({ access: 'member' }, async (ctx, request) => {
  const filter = exportFilter(request);
  const bytes = await readForDownload(ctx, 'sie', async (tx) => {
    const sie = await buildSieExport(tx, ctx.workspace.id, filter);
    return { value: sie.bytes, details: { ...filter, count: sie.count } };
  });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': 'text/plain; charset=IBM437',
      'content-disposition': attachment(`fakturor-${periodSuffix(filter)}.se`),
      'cache-control': 'no-store',
    },
  });
});
