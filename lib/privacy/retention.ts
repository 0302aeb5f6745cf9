// Runs the SQL part of retention (private.run_retention, see its migration) as the operator and
// returns its report. The retention job (lib/jobs/retention.ts) calls it, then removes the files.
import type { OperatorDb } from '@/lib/jobs/queue';

export interface RetentionReport {
  at: string;
  accounts_purged: number;
  invoices_deleted: number;
  billed_time_entries_deleted: number;
  archived_pdfs_deleted: number;
  purged_workspaces_removed: number;
  audit_rows_anonymised: number;
  auth_audit_entries_anonymised: number;
  account_events_deleted: number;
  email_tokens_deleted: number;
}

export async function runRetention(db: OperatorDb, at?: Date): Promise<RetentionReport> {
  const { rows } = await db.query<{ report: RetentionReport }>(`select private.run_retention(coalesce($1::timestamptz, now())) as report`, [
    at ?? null,
  ]);
  return rows[0].report;
}
