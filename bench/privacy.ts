// Privacy on the 5-year dataset (PostgreSQL 15): the daily retention run when nothing is due, the
// data export of the 5-year account (time and size), and the one-time purge of that account and
// the later deletion of its bookkeeping (each measured in a transaction that is rolled back).
import pg from 'pg';
import { withUserTransaction } from '../lib/db/transaction';
import { buildExport } from '../lib/privacy/export';
import { createPg15Copy, preparePg15Template, stopPg15 } from '../tests/support/pg15';
import { benchClaims, emit, medianMs, round, seedDemo } from './support';

const template = await preparePg15Template();
const copy = await createPg15Copy(template.adminUrl, template.template);
try {
  await seedDemo(copy.adminUrl, 2, 'annan-konsult@konsultverkstad.test');
  const data = await seedDemo(copy.adminUrl, 5, 'skala@konsultverkstad.test');
  const pool = new pg.Pool({ connectionString: copy.adminUrl, max: 2 });
  await pool.query('analyze');
  const { rows: owner } = await pool.query(`select user_id from public.workspace_members where workspace_id = $1 and role = 'owner'`, [
    data.workspaceId,
  ]);
  const userId: string = owner[0].user_id;
  const claims = await benchClaims(pool, userId);
  emit({ bench: 'privacy_dataset', entries: data.entries, invoices_sent: data.invoicesSent });

  /** Runs sql as the operator in a transaction that is rolled back; returns ms and the first row. */
  const rolledBack = async (sql: string, values: unknown[] = []) => {
    const c = await pool.connect();
    try {
      await c.query('begin');
      const start = performance.now();
      const result = await c.query(sql, values);
      const ms = performance.now() - start;
      return { ms: round(ms), row: result.rows[0] };
    } finally {
      await c.query('rollback');
      c.release();
    }
  };

  const daily = await medianMs(9, () => rolledBack(`select private.run_retention(now())`));
  emit({ bench: 'retention_run_nothing_due', median_ms: round(daily) });

  let bytes = 0;
  const exportMs = await medianMs(5, async () => {
    const exported = await withUserTransaction(claims, (tx) => buildExport(tx, claims), { pool, unscoped: true });
    bytes = JSON.stringify(exported).length;
  });
  emit({ bench: 'export_json_5_years', median_ms: round(exportMs), megabytes: round(bytes / 1e6, 2) });

  // Tombstone the account, then purge it 30 days later and delete its bookkeeping 8 years on.
  await pool.query(
    `insert into private.account_deletions (user_id, requested_at, purge_after) values ($1, now(), now() + interval '30 days')`,
    [userId],
  );
  const purge = await rolledBack(`select private.run_retention(now() + interval '30 days 1 second') as report`);
  emit({ bench: 'purge_5_year_account', ms: purge.ms, report: purge.row.report });
  const c = await pool.connect();
  try {
    await c.query('begin');
    await c.query(`select private.run_retention(now() + interval '30 days 1 second')`);
    const start = performance.now();
    const { rows } = await c.query(`select private.run_retention(now() + interval '9 years') as report`);
    emit({ bench: 'bookkeeping_deletion_after_retention', ms: round(performance.now() - start), report: rows[0].report });
  } finally {
    await c.query('rollback');
    c.release();
  }
  await pool.end();
} finally {
  await copy.stop();
  await stopPg15();
}
