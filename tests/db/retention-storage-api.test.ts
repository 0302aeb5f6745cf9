// Issue 14 item 2 on the strict platform: storage.objects and storage.buckets refuse direct
// deletes as on hosted Supabase, and retention still passes. Its SQL part (and pg_cron's job,
// which calls only that) deletes the rows it owns and queues the files; the retention job removes
// the files through the Storage API (here its service-role delete in SQL, as Storage runs it).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { retentionJob } from '../../lib/jobs/retention';
import type { TestDatabase } from '../support/db';
import { describeEachDatabase } from '../support/db';
import { repoRoot } from '../support/paths';
import { attempt, attemptAsAdmin, makeTenant, storageApiRemover } from './fixtures';

const REFUSED = 'Direct deletion from storage tables is not allowed. Use the Storage API instead.';

async function count(db: TestDatabase, sql: string, params: unknown[]) {
  return (await db.admin.query(`select count(*)::int as n from (${sql}) x`, params)).rows[0].n as number;
}

/** The last scheduled pg_cron command in the migrations (what hosted runs daily). */
function cronCommand(): string {
  const dir = path.join(repoRoot, 'supabase/migrations');
  const commands = readdirSync(dir)
    .sort()
    .flatMap((f) =>
      [...readFileSync(path.join(dir, f), 'utf8').matchAll(/cron\.schedule\('konsultverkstad-retention', '[^']+', '([^']+)'\)/g)].map(
        (m) => m[1],
      ),
    );
  return commands.at(-1)!;
}

describeEachDatabase('retention through the Storage API', (db) => {
  it('refuses a direct delete from storage.objects and storage.buckets for every role, the table owner included', async () => {
    const t = await makeTenant(db());
    for (const sql of [
      `delete from storage.objects where name = '${t.documentName}'`,
      `delete from storage.buckets where id = 'documents'`,
    ]) {
      expect((await attemptAsAdmin(db(), sql)).message, sql).toBe(REFUSED);
      expect((await attempt(db(), { service: true }, sql)).message, sql).toBe(REFUSED);
    }
    expect(await count(db(), `select 1 from storage.objects where name = $1`, [t.documentName])).toBe(1);
  });

  it("pg_cron's job runs with the guard in place and leaves storage.* alone", async () => {
    const t = await makeTenant(db());
    await db().asUser(t.ownerId, (c) => c.query(`select request_account_deletion()`));
    expect(cronCommand()).toBe('select private.run_retention()');
    const before = await count(db(), `select 1 from storage.objects`, []);
    // The command as pg_cron runs it, with the clock past the 30 days.
    await db().admin.query(
      `update private.account_deletions set purge_after = now() - interval '1 second', requested_at = now() - interval '31 days' where user_id = $1`,
      [t.ownerId],
    );
    await db().admin.query(cronCommand());
    expect(await count(db(), `select 1 from auth.users where id = $1`, [t.ownerId])).toBe(0);
    expect(await count(db(), `select 1 from storage.objects`, [])).toBe(before);
    expect(await count(db(), `select 1 from private.storage_removals where name = $1`, [t.documentName])).toBe(1);
  });

  it('the retention job purges an account and removes its files and expired archived PDFs through the Storage API', async () => {
    const t = await makeTenant(db());
    const until = await db().asUser(
      t.ownerId,
      async (c) => (await c.query(`select request_account_deletion() as until`)).rows[0].until as Date,
    );
    const purge = await retentionJob(db().admin, storageApiRemover(db()), new Date(until.getTime() + 1000));
    expect(purge.accounts_purged).toBeGreaterThanOrEqual(1);
    expect(purge.storage_files_removed).toBeGreaterThanOrEqual(1);
    expect(await count(db(), `select 1 from storage.objects where name = $1`, [t.documentName])).toBe(0);
    // The archived PDF is bookkeeping: it stays through the 7 years.
    expect(await count(db(), `select 1 from storage.objects where name = $1`, [t.archiveName])).toBe(1);

    const eightYears = new Date(Date.now() + 9 * 366 * 24 * 3600 * 1000);
    const expired = await retentionJob(db().admin, storageApiRemover(db()), eightYears);
    expect(expired.purged_workspaces_removed).toBeGreaterThanOrEqual(1);
    expect(await count(db(), `select 1 from storage.objects where name = $1`, [t.archiveName])).toBe(0);
    expect(await count(db(), `select 1 from private.storage_removals`, [])).toBe(0);
  });

  it('the service role reaches into schema private for the queue check only', async () => {
    const { rows } = await db().admin.query<{ fn: string }>(
      `select p.proname as fn from pg_proc p
        where p.pronamespace = 'private'::regnamespace and p.prorettype <> 'trigger'::regtype
          and has_function_privilege('service_role', p.oid, 'execute')
          and not has_function_privilege('authenticated', p.oid, 'execute')
        order by 1`,
    );
    // Everything else it may call, authenticated (with usage on private all along) may call too.
    expect(rows.map((r) => r.fn)).toEqual(['storage_removal_queued']);
    for (const fn of ['run_retention', 'purge_account', 'storage_removals_done', 'claim_job', 'schedule_jobs']) {
      const callable = (
        await db().admin.query(
          `select bool_or(has_function_privilege('service_role', p.oid, 'execute')) as ok from pg_proc p where p.proname = $1`,
          [fn],
        )
      ).rows[0].ok;
      expect(callable, fn).toBe(false);
    }
  });

  it('the Storage API still may not remove an archived PDF that retention has not queued', async () => {
    const t = await makeTenant(db());
    const refused = await attempt(
      db(),
      { service: true },
      `delete from storage.objects where bucket_id = 'invoice-archive' and name = $1`,
      [t.archiveName],
      {
        asStorageApi: true,
      },
    );
    expect(refused.message).toBe('invoice_archive_insert_only');
  });
});
