// The stand-in's stand-in for pg_cron: runs the retention job at start and then every hour, and
// removes stored files whose object rows are gone (the purge deletes rows in SQL; the bytes are
// here on disk). Files younger than an hour are left alone: an upload places its file before its
// row commits.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { runRetention } from '../lib/privacy/retention';
import { TMP_DIR_NAME } from './storage/files';

const HOUR = 3600_000;

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
    const { rows } = await pool.query<{ version: string }>(`select version from storage.objects where bucket_id = $1 and version is not null`, [bucket]);
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

export async function startRetentionTimer(pool: pg.Pool, filesDir: string) {
  const run = async () => {
    await runRetention(pool);
    await sweepOrphanFiles(pool, filesDir);
  };
  await run();
  const timer = setInterval(() => run().catch((error: Error) => console.error('Retention job failed:', error.message)), HOUR);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
