// The job runner: schedules what is due, then claims and runs jobs one at a time until none is
// due. Any number of runners (app servers, the operator's cron) may run at once: a job is
// claimed by one, and a runner that crashes mid-job leaves it to be taken again when its lease
// ends. A job that throws goes back to the queue with its error, to be retried later.
import type { InvoiceArchive } from '@/lib/invoices/archive';
import type { RunAsUser } from '@/lib/invoices/send';
import { archiveInvoiceJob } from './archive';
import { collectionsJob } from './collections';
import { claimJob, DEFAULT_LEASE, failJob, finishJob, scheduleJobs, type ClaimedJob, type JobKind, type OperatorDb } from './queue';
import { retentionJob, type RemoveFiles } from './retention';

/** What jobs reach: the operator's database, a way to act as a user, and Storage as the service role. */
export interface JobContext {
  db: OperatorDb;
  /** One transaction as that user in that workspace, as a request of theirs would run. */
  asUser(userId: string, workspaceId: string): RunAsUser;
  archive: InvoiceArchive;
  removeFiles: RemoveFiles;
}

export type JobResult = object;
export type JobHandlers = Record<JobKind, (ctx: JobContext, job: ClaimedJob) => Promise<JobResult>>;

export const JOB_HANDLERS: JobHandlers = {
  archive_invoice: (ctx, job) => archiveInvoiceJob(ctx.db, ctx.asUser, ctx.archive, job.key),
  retention: (ctx) => retentionJob(ctx.db, ctx.removeFiles),
  // The job's key is the Stockholm day it is for.
  collections: (ctx, job) => collectionsJob(ctx.db, job.key),
};

export interface RunOptions {
  worker: string;
  lease?: string;
  handlers?: JobHandlers;
  /** Tests move the clock. */
  at?: Date;
}

export interface RunReport {
  done: { kind: JobKind; key: string; result: JobResult }[];
  failed: { kind: JobKind; key: string; error: string }[];
}

/** Runs every job that is due now, then returns what it did. */
export async function runDueJobs(ctx: JobContext, opts: RunOptions): Promise<RunReport> {
  const handlers = opts.handlers ?? JOB_HANDLERS;
  const report: RunReport = { done: [], failed: [] };
  await scheduleJobs(ctx.db, opts.at);
  for (
    let job = await claimJob(ctx.db, opts.worker, opts.lease ?? DEFAULT_LEASE, opts.at);
    job;
    job = await claimJob(ctx.db, opts.worker, opts.lease ?? DEFAULT_LEASE, opts.at)
  ) {
    try {
      const result = await handlers[job.kind](ctx, job);
      await finishJob(ctx.db, job, opts.worker);
      report.done.push({ kind: job.kind, key: job.key, result });
    } catch (error) {
      await failJob(ctx.db, job, opts.worker, error, opts.at);
      report.failed.push({ kind: job.kind, key: job.key, error: (error as Error).message });
      console.error(`Job ${job.kind} ${job.key} failed (attempt ${job.attempts}):`, (error as Error).message);
    }
  }
  return report;
}

/** Runs due jobs now and then every `intervalMs` until stopped; a round never overlaps the next. */
export function startJobRunner(ctx: JobContext, opts: RunOptions & { intervalMs: number }): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<unknown> = Promise.resolve();
  const tick = () => {
    round = runDueJobs(ctx, opts)
      .catch((error: Error) => console.error('Job runner round failed:', error.message))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
