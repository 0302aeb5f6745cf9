// The SIE file of a period, read under RLS as the user: the invoices, the workspace's account
// choices, and the seller's name and number as frozen on the invoices (an accountant cannot
// read the live profile).
import type { Tx } from '@/lib/db/transaction';
import type { ExportFilter } from '../filter';
import { listExportInvoices } from '../invoices';
import { readSieAccounts } from './accounts';
import { invoiceVoucher } from './vouchers';
import { encodeSie, writeSie } from './writer';

export const SIE_PROGRAM = { name: 'Konsultverkstad', version: '1.0' };

export async function buildSieExport(tx: Tx, workspaceId: string, filter: ExportFilter, generated = new Date()) {
  // One connection answers one query at a time: read in turn.
  const invoices = await listExportInvoices(tx, filter);
  const accounts = await readSieAccounts(tx, workspaceId);
  const seller = await tx.query(
    `select coalesce(nullif(i.seller_snapshot ->> 'legal_name', ''), w.name) as name, i.seller_snapshot ->> 'org_number' as org
       from public.workspaces w left join lateral (
         select seller_snapshot from public.invoices where workspace_id = w.id and status <> 'draft' order by sent_at desc limit 1) i on true
      where w.id = $1`,
    [workspaceId],
  );
  const company = seller.rows[0] as { name: string; org: string | null } | undefined;
  const text = writeSie({
    program: SIE_PROGRAM,
    generated,
    orgNumber: company?.org ?? null,
    companyName: company?.name ?? '',
    accounts,
    vouchers: invoices.map((invoice) => invoiceVoucher(invoice, accounts)),
  });
  return { bytes: encodeSie(text), count: invoices.length };
}
