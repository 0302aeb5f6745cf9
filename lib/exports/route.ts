// Shared by the download routes: the verified user, the filters, one short transaction as that
// user in their active workspace (RLS decides what exists), and the download recorded in it.
import { getVerifiedClaims } from '@/lib/auth/claims';
import { withUserTransaction, type ActiveWorkspace, type Tx } from '@/lib/db/transaction';
import { parseExportFilter, type ExportFilter } from './filter';

export type DownloadKind = 'zip' | 'sie' | 'csv';

export class ExportRefused extends Error {
  constructor(readonly status: 400 | 401 | 404) {
    super(`export refused (${status})`);
  }
}

export function refusal(error: unknown): Response {
  if (error instanceof ExportRefused) return new Response(null, { status: error.status });
  throw error;
}

export function exportFilter(request: Request): ExportFilter {
  const filter = parseExportFilter(new URL(request.url).searchParams);
  if (!filter) throw new ExportRefused(400);
  return filter;
}

/**
 * Runs `read` as the user and records the download (with what `read` reports) in the same
 * transaction, so a download that fails to read leaves no record and a record means data left.
 */
export async function readForDownload<T>(
  kind: DownloadKind,
  read: (tx: Tx, workspace: ActiveWorkspace) => Promise<{ value: T; details: Record<string, unknown> }>,
): Promise<T> {
  const claims = await getVerifiedClaims();
  if (!claims) throw new ExportRefused(401);
  return withUserTransaction(claims, async (tx, workspace) => {
    if (!workspace) throw new ExportRefused(404);
    const { value, details } = await read(tx, workspace);
    await tx.query(`select public.log_download($1, $2, $3)`, [workspace.id, kind, JSON.stringify(details)]);
    return value;
  });
}

/** Content-Disposition for a download; the name is ASCII by construction. */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

