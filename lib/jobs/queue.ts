// The job queue in Postgres (migration 20261202110000_job_queue): scheduling, claiming with a
// lease (`for update skip locked`, so each job goes to one runner), finishing and failing.
// Every call is one statement on the operator's connection, never inside a longer transaction.
import type pg from 'pg';

/** The operator's database (the project's postgres connection string); one statement per call. */
export type OperatorDb = Pick<pg.Pool, 'query'>;

export const JOB_KINDS = ['archive_invoice', 'retention', 'collections'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface ClaimedJob {
  id: string;
  kind: JobKind;
  key: string;
  attempts: number;
}

/** How long a claim holds: a runner that dies mid-job leaves its job to others after this. */
export const DEFAULT_LEASE = '10 minutes';

/** Enqueues what is due (each job once, whoever else schedules at the same time). */
export async function scheduleJobs(db: OperatorDb, at?: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select private.schedule_jobs(coalesce($1::timestamptz, now())) as n`, [at ?? null]);
  return rows[0].n;
}

export async function claimJob(db: OperatorDb, worker: string, lease = DEFAULT_LEASE, at?: Date): Promise<ClaimedJob | null> {
  const { rows } = await db.query<ClaimedJob>(
    `select id::text, kind, key, attempts from private.claim_job($1, $2::interval, coalesce($3::timestamptz, now()))`,
    [worker, lease, at ?? null],
  );
  return rows[0] ?? null;
}

/** False when the claim had run out and another runner holds the job now (it finishes it). */
export async function finishJob(db: OperatorDb, job: ClaimedJob, worker: string): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(`select private.finish_job($1, $2) as ok`, [job.id, worker]);
  return rows[0].ok;
}

export async function failJob(db: OperatorDb, job: ClaimedJob, worker: string, error: unknown, at?: Date): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.query(`select private.fail_job($1, $2, $3, coalesce($4::timestamptz, now()))`, [job.id, worker, message, at ?? null]);
}
