// The invoice register as CSV: /api/exports/register.csv?status=&client=&from=&to=
import { periodSuffix } from '@/lib/exports/filter';
import { exportFilter, readForDownload, attachment, refusal } from '@/lib/exports/route';
import { listExportInvoices } from '@/lib/exports/invoices';
import { registerCsv } from '@/lib/exports/register-csv';
import { getTranslator } from '@/lib/i18n/server';

export async function GET(request: Request) {
  try {
    const filter = exportFilter(request);
    const { t } = await getTranslator();
    const invoices = await readForDownload('csv', async (tx) => {
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
  } catch (error) {
    return refusal(error);
  }
}
