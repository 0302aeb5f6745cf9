// The workspace's invoice number series as the profile shows it: the number the next sent
// invoice gets, and whether the series has started (then its first number is fixed).
import type { Tx } from '@/lib/db/transaction';
import { pageTx } from '@/lib/request/context';

export interface InvoiceSeries {
  nextNumber: number;
  started: boolean;
}

export async function getInvoiceSeries(tx: Tx, workspaceId: string): Promise<InvoiceSeries> {
  const { rows } = await tx.query<{ next_number: string; first_number: string }>(
    `select next_number::text, first_number::text from public.number_series where workspace_id = $1 and series = 'invoice'`,
    [workspaceId],
  );
  const row = rows[0];
  return row ? { nextNumber: Number(row.next_number), started: row.next_number !== row.first_number } : { nextNumber: 1, started: false };
}

/** The signed-in owner's invoice series (the profile page has sent non-owners to the portal). */
export async function loadInvoiceSeries(): Promise<InvoiceSeries> {
  return pageTx(async (tx, workspace) => (workspace ? getInvoiceSeries(tx, workspace.id) : { nextNumber: 1, started: false }));
}
