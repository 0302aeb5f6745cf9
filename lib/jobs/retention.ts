// The retention job: private.run_retention() deletes the database rows that are due and queues
// the files (it never deletes from storage.*, which hosted Supabase refuses); the files then go
// through the Storage API, which removes their bytes too, and leave the queue.
import { runRetention, type RetentionReport } from '@/lib/privacy/retention';
import type { OperatorDb } from './queue';

/** Removes files from one bucket through the Storage API (storage.from(bucket).remove as the service role). */
export type RemoveFiles = (bucket: string, names: string[]) => Promise<void>;

const BATCH = 100;

export async function removeQueuedFiles(db: OperatorDb, removeFiles: RemoveFiles): Promise<number> {
  const { rows } = await db.query<{ bucket_id: string; names: string[] }>(
    `select bucket_id, array_agg(name order by name) as names from private.storage_removals group by bucket_id order by bucket_id`,
  );
  let removed = 0;
  for (const { bucket_id: bucket, names } of rows) {
    for (let i = 0; i < names.length; i += BATCH) {
      const batch = names.slice(i, i + BATCH);
      await removeFiles(bucket, batch);
      const done = await db.query<{ n: number }>(`select private.storage_removals_done($1, $2) as n`, [bucket, batch]);
      removed += done.rows[0].n;
    }
  }
  return removed;
}

export async function retentionJob(
  db: OperatorDb,
  removeFiles: RemoveFiles,
  at?: Date,
): Promise<RetentionReport & { storage_files_removed: number }> {
  const report = await runRetention(db, at);
  return { ...report, storage_files_removed: await removeQueuedFiles(db, removeFiles) };
}
