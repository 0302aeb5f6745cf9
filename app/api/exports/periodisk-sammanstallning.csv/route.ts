// The EC sales list in Skatteverket's file format (SKV574008):
// /api/exports/periodisk-sammanstallning.csv?period=2026-Q1 (or a month, 2026-03). Refused while a
// buyer's VAT number is missing. ISO-8859-1, which the file upload reads.
import iconv from 'iconv-lite';
import { attachment, readForDownload } from '@/lib/exports/download-log';
import { ecSalesFile } from '@/lib/reports/ec-sales-list';
import { loadEcSalesList, PERIOD_MESSAGE } from '@/lib/reports/load';
import { Refused, route } from '@/lib/request/route';

export const GET = route({ access: 'member' }, async (ctx, request) => {
  const code = new URL(request.url).searchParams.get('period');
  const list = await readForDownload(ctx, 'ec_sales_list', async (tx) => {
    const value = await loadEcSalesList(tx, ctx.workspace.id, code);
    if (typeof value === 'string') throw new Refused(400, PERIOD_MESSAGE[value], undefined, 'period');
    if (value.missingVatNumber.length)
      throw new Refused(400, 'reports.ec.missingVatNumber', { numbers: value.missingVatNumber.map((m) => m.number).join(', ') }, 'period');
    if (!value.seller.vatNumber) throw new Refused(400, 'reports.ec.noSellerVatNumber', undefined, 'period');
    return { value, details: { period: value.period.code, buyers: value.rows.length } };
  });
  return new Response(new Uint8Array(iconv.encode(ecSalesFile(list), 'latin1')), {
    headers: {
      'content-type': 'text/csv; charset=ISO-8859-1',
      'content-disposition': attachment(`periodisk-sammanstallning-${list.period.code}.csv`),
      'cache-control': 'no-store',
    },
  });
});
