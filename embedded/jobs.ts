// The job runner's connections (lib/jobs): the operator's Postgres connection, one transaction as
// a user the way a request runs, and the Storage API as the service role. Used by the stand-in,
// which runs the runner itself, and by `npm run jobs` on a hosted project. Also the stand-in's
// sweep of file bytes whose object rows are gone (an upload places its file before its row
// commits, so files younger than an hour are left alone).
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { actAsUser } from '../lib/db/transaction';
import { storageArchive } from '../lib/invoices/archive';
import type { RunAsUser } from '../lib/invoices/send';
import { startJobRunner, type JobContext } from '../lib/jobs/runner';
import { TMP_DIR_NAME } from './storage/files';

const HOUR = 3600_000;

export function jobContext(pool: pg.Pool, apiUrl: string, serviceRoleKey: string): JobContext {
  const supabase = createClient(apiUrl, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  return {
    db: pool,
    // One transaction as the user in that workspace, through private.choose_workspace as a request.
    asUser:
      (userId, workspaceId): RunAsUser =>
      (fn) =>
        actAsUser(pool, userId, (tx) => fn(tx), { workspaceId }),
    archive: storageArchive(supabase),
    async removeFiles(bucket, names) {
      const { error } = await supabase.storage.from(bucket).remove(names);
      if (error) throw new Error(`Removing files from ${bucket} failed: ${error.message}`);
    },
  };
}

export async function sweepOrphanFiles(pool: pg.Pool, filesDir: string, now = Date.now()): Promise<number> {
  let removed = 0;
  let buckets: string[];
  try {
    buckets = (await readdir(filesDir)).filter((name) => name !== TMP_DIR_NAME);
  } catch {
    return 0; // nothing stored yet
  }
  for (const dir of buckets) {
    const bucket = decodeURIComponent(dir);
    const { rows } = await pool.query<{ version: string }>(
      `select version from storage.objects where bucket_id = $1 and version is not null`,
      [bucket],
    );
    const live = new Set(rows.map((r) => r.version));
    for (const version of await readdir(path.join(filesDir, dir))) {
      if (live.has(version)) continue;
      const file = path.join(filesDir, dir, version);
      if (now - (await stat(file)).mtimeMs < HOUR) continue;
      await rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}

/** What pg_cron and the operator's cron do on hosted: the job runner, every minute, and the hourly sweep. */
export function startStandInJobs(pool: pg.Pool, apiUrl: string, serviceRoleKey: string, filesDir: string) {
  const runner = startJobRunner(jobContext(pool, apiUrl, serviceRoleKey), { worker: `stand-in-${process.pid}`, intervalMs: 60_000 });
  const sweep = setInterval(
    () => sweepOrphanFiles(pool, filesDir).catch((error: Error) => console.error('File sweep failed:', error.message)),
    HOUR,
  );
  sweep.unref();
  return {
    async stop() {
      clearInterval(sweep);
      await runner.stop();
    },
  };
}
