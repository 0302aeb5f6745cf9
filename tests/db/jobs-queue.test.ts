// The job queue (lib/jobs, migration 20261202110000_job_queue) on both databases: a job is claimed
// by one runner however many race for it, a runner killed after its claim leaves the job to be
// taken again once the lease ends (not lost, not run twice meanwhile), a job that throws is
// retried later with its error kept, and scheduling enqueues each job once.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { claimJob, finishJob, scheduleJobs, type ClaimedJob } from '../../lib/jobs/queue';
import { runDueJobs, type JobContext, type JobHandlers } from '../../lib/jobs/runner';
import type { TestDatabase } from '../support/db';
import { describeEachDatabase } from '../support/db';
import { makeTenant } from './fixtures';

// Jobs of these tests are due in 2001, so the clock of the claims picks only them.
const DUE = new Date('2001-01-01T00:00:00Z');
const later = (minutes: number) => new Date(DUE.getTime() + minutes * 60_000);

async function enqueue(db: TestDatabase, n: number): Promise<string[]> {
  const keys = Array.from({ length: n }, () => randomUUID());
  await db.admin.query(`insert into private.jobs (kind, key, run_after) select 'archive_invoice', k, $2 from unnest($1::text[]) k`, [
    keys,
    DUE,
  ]);
  return keys;
}

const context = (db: TestDatabase): JobContext => ({
  db: db.admin,
  asUser: () => {
    throw new Error('not used');
  },
  archive: { put: async () => 'created', get: async () => null, logo: async () => null },
  removeFiles: async () => {},
});

/** Handlers that record which runner ran which job (and let everything else through untouched). */
function recording(log: { worker: string; key: string }[], worker: string, fail?: (job: ClaimedJob) => boolean): JobHandlers {
  const handle = async (_ctx: JobContext, job: ClaimedJob) => {
    if (fail?.(job)) throw new Error(`boom ${job.key}`);
    log.push({ worker, key: job.key });
    return {};
  };
  return { archive_invoice: handle, retention: handle, collections: handle };
}

describeEachDatabase('job queue', (db) => {
  it('two runners racing for one job: exactly one claims it', async () => {
    const [key] = await enqueue(db(), 1);
    const claims = await Promise.all([claimJob(db().admin, 'a', '5 minutes', later(1)), claimJob(db().admin, 'b', '5 minutes', later(1))]);
    const won = claims.filter((c) => c?.key === key);
    expect(won).toHaveLength(1);
    expect(claims.filter((c) => c === null)).toHaveLength(1);
    await finishJob(db().admin, won[0]!, claims[0] ? 'a' : 'b');
  });

  it('two runners draining the queue at once run every job exactly once', async () => {
    const keys = await enqueue(db(), 24);
    const log: { worker: string; key: string }[] = [];
    await Promise.all(['a', 'b'].map((worker) => runDueJobs(context(db()), { worker, at: later(1), handlers: recording(log, worker) })));
    const ran = log.filter((l) => keys.includes(l.key)).map((l) => l.key);
    expect(ran.sort()).toEqual([...keys].sort());
    const { rows } = await db().admin.query(
      `select count(*)::int as n from private.jobs where key = any($1) and done_at is not null and attempts = 1`,
      [keys],
    );
    expect(rows[0].n).toBe(24);
  });

  it('a runner killed after its claim: the job waits out the lease, then another runner takes and finishes it', async () => {
    const [key] = await enqueue(db(), 1);
    const dead = await claimJob(db().admin, 'dying', '5 minutes', later(1));
    expect(dead?.key).toBe(key);
    // The runner is gone without finishing or failing. While its lease holds, nobody runs the job twice.
    expect(await claimJob(db().admin, 'b', '5 minutes', later(3))).toBeNull();
    const log: { worker: string; key: string }[] = [];
    await runDueJobs(context(db()), { worker: 'b', at: later(7), handlers: recording(log, 'b') });
    expect(log.filter((l) => l.key === key)).toEqual([{ worker: 'b', key }]);
    const { rows } = await db().admin.query(`select attempts, claimed_by, done_at is not null as done from private.jobs where key = $1`, [
      key,
    ]);
    expect(rows[0]).toEqual({ attempts: 2, claimed_by: 'b', done: true });
    // The dead runner's late finish changes nothing: the claim is not its own any more.
    expect(await finishJob(db().admin, dead!, 'dying')).toBe(false);
  });

  it('a job that throws goes back to the queue with its error and runs again after the backoff', async () => {
    const [key] = await enqueue(db(), 1);
    const log: { worker: string; key: string }[] = [];
    const first = await runDueJobs(context(db()), { worker: 'a', at: later(1), handlers: recording(log, 'a', (j) => j.key === key) });
    expect(first.failed).toContainEqual({ kind: 'archive_invoice', key, error: `boom ${key}` });
    const failed = (await db().admin.query(`select attempts, last_error, done_at, run_after from private.jobs where key = $1`, [key]))
      .rows[0];
    expect(failed).toMatchObject({ attempts: 1, last_error: `boom ${key}`, done_at: null });
    expect(failed.run_after.getTime()).toBeGreaterThan(later(1).getTime());
    // Not before the backoff (1 minute after the first attempt), then once.
    await runDueJobs(context(db()), { worker: 'a', at: later(1.5), handlers: recording(log, 'a') });
    expect(log.filter((l) => l.key === key)).toEqual([]);
    await runDueJobs(context(db()), { worker: 'a', at: later(3), handlers: recording(log, 'a') });
    expect(log.filter((l) => l.key === key)).toEqual([{ worker: 'a', key }]);
    expect(
      (await db().admin.query(`select last_error, done_at is not null as done from private.jobs where key = $1`, [key])).rows[0],
    ).toEqual({ last_error: null, done: true });
  });

  it('schedules one archive job per unarchived sent invoice and one retention per day (and one collections job per day), whoever schedules', async () => {
    const t = await makeTenant(db());
    const at = new Date();
    await Promise.all([scheduleJobs(db().admin, at), scheduleJobs(db().admin, at)]);
    const { rows } = await db().admin.query(
      `select kind, count(*)::int as n from private.jobs where key in ($1, (private.stockholm_today($2))::text) group by kind order by kind`,
      [t.sentInvoiceId, at],
    );
    expect(rows).toEqual([
      { kind: 'archive_invoice', n: 1 },
      { kind: 'collections', n: 1 },
      { kind: 'retention', n: 1 },
    ]);
  });

  it('no API role may read or write the queue', async () => {
    for (const role of ['anon', 'authenticated', 'service_role'] as const) {
      const refused = await db()
        .as(role, null, (c) => c.query(`select private.claim_job('x', '1 minute')`))
        .then(
          () => 'allowed',
          (e: { code?: string }) => e.code,
        );
      expect(refused, role).toBe('42501');
    }
  });
});
