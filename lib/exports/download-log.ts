// Shared by the download routes: the filters, and reading as the user in the request's transaction
// (RLS decides what exists) with the download recorded in the same transaction.
import type { Tx } from '@/lib/db/transaction';
import type { RequestContext } from '@/lib/request/context';
import { Refused } from '@/lib/request/route';
import { parseExportFilter, type ExportFilter } from './filter';

export type DownloadKind = 'zip' | 'sie' | 'csv' | 'vat_return' | 'ec_sales_list';

export function exportFilter(request: Request): ExportFilter {
  const filter = parseExportFilter(new URL(request.url).searchParams);
  if (!filter) throw new Refused(400, 'validation.invalid');
  return filter;
}

/**
 * Runs `read` as the user and records the download (with what `read` reports) in the same
 * transaction, so a download that fails to read leaves no record and a record means data was read.
 */
export async function readForDownload<T>(
  ctx: RequestContext<'member'>,
  kind: DownloadKind,
  read: (tx: Tx) => Promise<{ value: T; details: Record<string, unknown> }>,
): Promise<T> {
  return ctx.tx(async (tx) => {
    const { value, details } = await read(tx);
    await tx.query(`select public.log_download($1, $2, $3)`, [ctx.workspace.id, kind, JSON.stringify(details)]);
    return value;
  });
}

/** Content-Disposition for a download; the name is ASCII by construction. */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}
