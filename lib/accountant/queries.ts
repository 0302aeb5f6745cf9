// Reads of the accountant feature, as the signed-in user (RLS and the owner-only functions decide).
import { withAnonTransaction, type Tx } from '@/lib/db/transaction';
import { exportWhere } from '@/lib/exports/invoices';
import { OUTSTANDING, OVERDUE } from '@/lib/invoices/read';
import type { ExportFilter } from '@/lib/exports/filter';

export interface AccessRow {
  userId: string;
  email: string;
  role: 'owner' | 'accountant';
  since: Date;
}

export async function listAccess(tx: Tx): Promise<AccessRow[]> {
  const { rows } = await tx.query(`select user_id as "userId", email, role, since from public.workspace_access()`);
  return rows as AccessRow[];
}

export interface PendingInvitation {
  id: string;
  email: string;
  expiresAt: Date;
}

export async function listPendingInvitations(tx: Tx, workspaceId: string): Promise<PendingInvitation[]> {
  const { rows } = await tx.query(
    `select id, email, expires_at as "expiresAt" from public.invitations
      where workspace_id = $1 and accepted_at is null and revoked_at is null and expires_at > now()
      order by created_at desc`,
    [workspaceId],
  );
  return rows as PendingInvitation[];
}

export type InvitationState = 'valid' | 'expired' | 'used' | 'revoked' | 'invalid';

export async function invitationStatus(tx: Tx, token: string): Promise<{ state: InvitationState; workspaceName: string; email: string }> {
  const { rows } = await tx.query(`select status, workspace_name, email from public.invitation_status($1)`, [token]);
  const row = rows[0] as { status: InvitationState; workspace_name: string; email: string } | undefined;
  return row
    ? { state: row.status, workspaceName: row.workspace_name, email: row.email }
    : { state: 'invalid', workspaceName: '', email: '' };
}

/** For the signed-out visitor of an invitation link: the address it was sent to, while it is pending ('' otherwise). */
export async function invitedEmail(token: string): Promise<string> {
  const { rows } = await withAnonTransaction((tx) =>
    tx.query<{ email: string | null }>(`select public.invited_email($1) as email`, [token]),
  );
  return rows[0]?.email ?? '';
}

export interface LedgerRow {
  clientId: string;
  clientName: string;
  openOre: number;
  paidOre: number;
  creditedOre: number;
  overdue: number;
}

/**
 * Kundreskontra for the filtered period: per client, what is still open (the invoices' outstanding
 * after payments and credit notes; negative when overpaid), what was paid (payments received), what
 * was credited (sent credit notes, as a negative amount), and how many are overdue.
 */
export async function customerLedger(tx: Tx, filter: ExportFilter): Promise<LedgerRow[]> {
  const [where, params] = exportWhere({ ...filter, status: undefined, kind: undefined });
  const { rows } = await tx.query(
    `select i.client_node_id as "clientId", max(coalesce(i.buyer_snapshot ->> 'name', '')) as "clientName",
            coalesce(sum(${OUTSTANDING}), 0)::float8 as "openOre",
            coalesce(sum(i.paid_ore), 0)::float8 as "paidOre",
            coalesce(sum(i.total_ore) filter (where i.kind = 'credit_note'), 0)::float8 as "creditedOre",
            count(*) filter (where ${OVERDUE})::int as overdue
       from public.invoices i
      where ${where}
      group by i.client_node_id
      order by 2`,
    params,
  );
  return rows as LedgerRow[];
}
