// The audit chain inside one long transaction (PostgreSQL 15): N audited writes (a bank booking
// writes about six per payment) timed from the first write to the commit, 1 000 beside 10 000.
// Each write appends to its workspace's chain; goal: the cost per write does not grow with the
// number of writes before it in the same transaction (ratio per write 10 000 ÷ 1 000 ≤ 1.2).
import pg from 'pg';
import { createPg15Copy, preparePg15Template, stopPg15 } from '../tests/support/pg15';
import { emit, median, round, seedDemo } from './support';

const template = await preparePg15Template();
const copy = await createPg15Copy(template.adminUrl, template.template);
try {
  const account = await seedDemo(copy.adminUrl, 1, 'revision@konsultverkstad.test');
  const pool = new pg.Pool({ connectionString: copy.adminUrl, max: 1 });
  // Notes under one client: every write is a new row, so only the chain's own cost can grow.
  const client = (
    await pool.query(`select id from public.nodes where workspace_id = $1 and kind = 'client' limit 1`, [account.workspaceId])
  ).rows[0].id as string;
  /** Seconds for `writes` audited inserts in one transaction, from the first to the commit. */
  async function oneTransaction(writes: number): Promise<number> {
    const connection = await pool.connect();
    try {
      const start = performance.now();
      await connection.query('begin');
      await connection.query(
        `do $$ begin
           for i in 1..${writes} loop
             insert into public.nodes (workspace_id, kind, title, parent_id) values ('${account.workspaceId}', 'note', 'Anteckning ' || i, '${client}');
           end loop;
         end $$`,
      );
      await connection.query('commit');
      return (performance.now() - start) / 1000;
    } finally {
      connection.release();
    }
  }
  // Rounds alternate the sizes so machine noise hits both alike; medians of five.
  const seconds: Record<number, number[]> = { 1_000: [], 10_000: [] };
  for (let r = 0; r < 5; r++) for (const writes of [1_000, 10_000]) seconds[writes].push(await oneTransaction(writes));
  const perWrite: Record<number, number> = {};
  for (const writes of [1_000, 10_000]) {
    perWrite[writes] = (median(seconds[writes]) * 1e6) / writes;
    emit({
      bench: 'audit_chain_one_transaction',
      writes,
      seconds: round(median(seconds[writes]), 2),
      us_per_write: round(perWrite[writes], 1),
    });
  }
  const verified = await pool.query(`select count(*)::int as broken from public.verify_audit_chain($1)`, [account.workspaceId]);
  emit({
    bench: 'audit_chain_one_transaction',
    per_write_ratio_10000_vs_1000: round(perWrite[10_000] / perWrite[1_000], 2),
    goal: 1.2,
    chain_intact: verified.rows[0].broken === 0,
  });
  await pool.end();
} finally {
  await copy.stop();
  await stopPg15();
}
