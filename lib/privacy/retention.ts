// Runs the retention job (private.run_retention, see its migration) as the operator and returns
// its report. Used by scripts/retention.ts and the embedded stand-in's timer.
import type pg from 'pg';

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

export async function runRetention(db: Pick<pg.Client, 'query'>, at?: Date): Promise<RetentionReport> {
  const { rows } = await db.query<{ report: RetentionReport }>(`select private.run_retention(coalesce($1::timestamptz, now())) as report`, [at ?? null]);
  return rows[0].report;
}
