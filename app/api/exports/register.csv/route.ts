// The invoice register as CSV: /api/exports/register.csv?status=&client=&from=&to=
import { periodSuffix } from '@/lib/exports/filter';
import { attachment, exportFilter, readForDownload } from '@/lib/exports/download-log';
import { listExportInvoices } from '@/lib/exports/invoices';
import { registerCsv } from '@/lib/exports/register-csv';
import { route } from '@/lib/request/route';

export const GET = route({ access: 'member' }, async (ctx, request) => {
  const filter = exportFilter(request);
  const { t } = ctx;
  const invoices = await readForDownload(ctx, 'csv', async (tx) => {
    const value = await listExportInvoices(tx, filter);
    return { value, details: { ...filter, count: value.length } };
  });
  return new Response(registerCsv(invoices, t), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(`fakturajournal-${periodSuffix(filter)}.csv`),
      'cache-control': 'no-store',
    },
  });
});
