// The VAT return of a period as CSV: /api/exports/momsdeklaration.csv?period=2026-Q1
import { attachment, readForDownload } from '@/lib/exports/download-log';
import { loadVatReturn, PERIOD_MESSAGE } from '@/lib/reports/load';
import { vatReturnCsv } from '@/lib/reports/vat-return';
import { Refused, route } from '@/lib/request/route';

export const GET = route({ access: 'member' }, async (ctx, request) => {
  const code = new URL(request.url).searchParams.get('period');
  const report = await readForDownload(ctx, 'vat_return', async (tx) => {
    const value = await loadVatReturn(tx, ctx.workspace.id, code);
    if (typeof value === 'string') throw new Refused(400, PERIOD_MESSAGE[value], undefined, 'period');
    return { value, details: { period: value.period.code, method: value.method } };
  });
  return new Response(vatReturnCsv(report, ctx.t), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(`momsdeklaration-${report.period.code}.csv`),
      'cache-control': 'no-store',
    },
  });
});
