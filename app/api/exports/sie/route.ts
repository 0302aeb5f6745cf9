// One fiscal year's vouchers as an SIE 4I file (CP437): /api/exports/sie?year=2025[&from=&to=]
// (from/to a shorter period inside that year). Status, client and kind filters are refused: a
// filtered bookkeeping file would silently be partial.
import { buildSieExport, SIE_REFUSED_FILTERS, SiePeriodOutsideYear, siePeriodSchema } from '@/lib/exports/sie/export';
import { attachment, readForDownload } from '@/lib/exports/download-log';
import { parseOrThrow, Refused, route } from '@/lib/request/route';

export const GET = route({ access: 'member' }, async (ctx, request) => {
  const params = new URL(request.url).searchParams;
  const filtered = SIE_REFUSED_FILTERS.find((k) => params.get(k));
  if (filtered) throw new Refused(400, 'accountant.sie.noFilters', undefined, filtered);
  const requested = parseOrThrow(
    siePeriodSchema,
    Object.fromEntries(['year', 'from', 'to'].flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))),
  );
  const sie = await readForDownload(ctx, 'sie', async (tx) => {
    try {
      const value = await buildSieExport(tx, ctx.workspace.id, requested);
      return { value, details: { ...value.period, year: value.year.from, method: value.method, count: value.count } };
    } catch (error) {
      if (error instanceof SiePeriodOutsideYear) throw new Refused(400, 'accountant.sie.outsideYear', undefined, 'from');
      throw error;
    }
  });
  return new Response(new Uint8Array(sie.bytes), {
    headers: {
      'content-type': 'text/plain; charset=IBM437',
      'content-disposition': attachment(sie.fileName),
      'cache-control': 'no-store',
    },
  });
});
