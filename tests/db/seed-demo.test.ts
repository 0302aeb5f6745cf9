// The scale generator (scripts/seed-demo.ts) produces a consistent dataset through the real
// invoicing functions: one year here, to keep the suite quick.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

describeEachDatabase('seed-demo generator', (db) => {
  it('makes a year of clients, hours and invoices with gapless numbers and an intact audit chain', async () => {
    const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/seed-demo.ts', '--years', '1'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db().adminUrl },
    });
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(summary).toMatchObject({ clients: 10, auditChainIntact: true });
    expect(summary.entries).toBeGreaterThan(1900);
    expect(summary.invoicesSent).toBeGreaterThan(100);
    const numbers = await db().admin.query(`select number from invoices where workspace_id = $1 and number is not null order by number`, [
      summary.workspaceId,
    ]);
    expect(numbers.rows.map((r) => Number(r.number))).toEqual(numbers.rows.map((_, i) => i + 1));
    const statuses = await db().admin.query(`select distinct status from invoices where workspace_id = $1 order by 1`, [
      summary.workspaceId,
    ]);
    expect(statuses.rows.map((r) => r.status)).toEqual(expect.arrayContaining(['credited', 'paid', 'sent']));
    // The year runs up to today (Europe/Stockholm): this month has hours, no day after today has.
    const hours = await db().admin.query(
      `select count(*) filter (where entry_date >= date_trunc('month', private.stockholm_today())::date)::int as month,
              count(*) filter (where entry_date > private.stockholm_today())::int as future
         from time_entries where workspace_id = $1`,
      [summary.workspaceId],
    );
    expect(hours.rows[0].month).toBeGreaterThan(0);
    expect(hours.rows[0].future).toBe(0);
  }, 120_000);
});
