// The archive-recovery job: a sent invoice whose send was interrupted before its PDF was archived
// gets it now, rendered and recorded as its owner (the same finishArchive the send uses).
import type { InvoiceArchive } from '@/lib/invoices/archive';
import { finishArchive, type RunAsUser } from '@/lib/invoices/send';
import type { OperatorDb } from './queue';

export async function archiveInvoiceJob(
  db: OperatorDb,
  asUser: (userId: string, workspaceId: string) => RunAsUser,
  archive: InvoiceArchive,
  invoiceId: string,
): Promise<{ archived: boolean }> {
  const { rows } = await db.query<{ user_id: string; workspace_id: string }>(
    `select m.user_id, i.workspace_id from public.invoices i
       join public.workspace_members m on m.workspace_id = i.workspace_id and m.role = 'owner'
      where i.id = $1 and i.status <> 'draft' and i.pdf_path is null`,
    [invoiceId],
  );
  // Archived meanwhile (the send finished after all), or gone with its purged owner.
  if (!rows[0]) return { archived: false };
  await finishArchive(asUser(rows[0].user_id, rows[0].workspace_id), archive, invoiceId);
  return { archived: true };
}
