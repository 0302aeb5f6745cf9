// The operator's job command (`npm run jobs -- --once`) against a running stand-in that refuses
// direct deletes from storage.* as hosted Supabase does: a tombstoned account past its 30 days is
// purged, its files removed through the Storage API (bytes gone from disk), the Auth user gone;
// retention runs once a day, so a second run finds nothing to do. And the stand-in's sweep of
// orphaned file bytes.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOrphanFiles } from '../../embedded/jobs';
import { repoRoot } from '../support/paths';
import { signUpConfirmed, startTestStandIn, type TestStandIn } from '../support/stand-in';

const run = promisify(execFile);

describe('npm run jobs -- --once', () => {
  let standIn: TestStandIn;
  let admin: pg.Pool;
  beforeAll(async () => {
    standIn = await startTestStandIn();
    admin = new pg.Pool({ connectionString: standIn.dbUrl, max: 2 });
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await standIn?.stop();
  });

  const retention = async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/jobs.ts', '--once'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        ADMIN_DATABASE_URL: standIn.dbUrl,
        NEXT_PUBLIC_SUPABASE_URL: standIn.apiUrl,
        SUPABASE_SERVICE_ROLE_KEY: standIn.serviceRoleKey,
      },
    });
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      done: { kind: string; result: Record<string, number> }[];
      failed: unknown[];
    };
    expect(report.failed).toEqual([]);
    return report.done.filter((d) => d.kind === 'retention').map((d) => d.result);
  };
  const storedFiles = (bucket: string) => {
    try {
      return readdirSync(path.join(standIn.dataDir, 'storage', bucket));
    } catch {
      return [];
    }
  };

  it('purges an account whose 30 days are over, files through the Storage API, and is idempotent', async () => {
    const client = standIn.client();
    const email = `radera-${Date.now().toString(36)}@example.test`;
    const userId = (await signUpConfirmed(client, standIn.outbox, { email, password: 'ett-bra-lösenord' })).user.id;
    const { rows } = await admin.query(`select workspace_id from public.workspace_members where user_id = $1`, [userId]);
    const upload = await client.storage
      .from('documents')
      .upload(`${rows[0].workspace_id}/avtal.txt`, new Blob(['hemligt avtal'], { type: 'text/plain' }));
    expect(upload.error).toBeNull();
    expect(storedFiles('documents')).toHaveLength(1);

    // Asked 31 days ago.
    await admin.query(
      `insert into private.account_deletions (user_id, requested_at, purge_after) values ($1, now() - interval '31 days', now() - interval '1 day')`,
      [userId],
    );
    const [report] = await retention();
    expect(report).toMatchObject({ accounts_purged: 1, storage_files_removed: 1 });
    expect((await admin.query(`select 1 from storage.objects where bucket_id = 'documents'`)).rowCount).toBe(0);
    expect(storedFiles('documents')).toHaveLength(0);
    expect((await admin.query(`select 1 from auth.users where id = $1`, [userId])).rowCount).toBe(0);
    expect((await client.auth.signInWithPassword({ email, password: 'ett-bra-lösenord' })).error?.code).toBe('invalid_credentials');

    expect(await retention()).toEqual([]);
    expect(
      (await admin.query(`select kind, attempts, last_error, done_at is not null as done from private.jobs where kind = 'retention'`)).rows,
    ).toEqual([{ kind: 'retention', attempts: 1, last_error: null, done: true }]);
  });

  it('sweeps file bytes whose object rows are gone, once they are an hour old', async () => {
    const dir = path.join(standIn.dataDir, 'storage', 'documents');
    mkdirSync(dir, { recursive: true });
    const old = '00000000-0000-4000-8000-000000000001';
    const young = '00000000-0000-4000-8000-000000000002';
    writeFileSync(path.join(dir, old), 'orphan');
    writeFileSync(path.join(dir, young), 'upload in flight');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(path.join(dir, old), twoHoursAgo, twoHoursAgo);
    expect(await sweepOrphanFiles(admin, path.join(standIn.dataDir, 'storage'))).toBe(1);
    expect(readdirSync(dir)).not.toContain(old);
    expect(readdirSync(dir)).toContain(young);
  });
});

describe('the stand-in runs the job runner itself', () => {
  it("runs today's retention as soon as it starts, without any command", async () => {
    const standIn = await startTestStandIn({ jobs: true });
    const admin = new pg.Pool({ connectionString: standIn.dbUrl, max: 2 });
    try {
      const due = async () =>
        (
          await admin.query(
            `select kind, done_at is not null as done from private.jobs where kind = 'retention' and key = private.stockholm_today()::text`,
          )
        ).rows;
      for (let i = 0; i < 60 && !(await due()).some((r) => r.done); i++) await new Promise((r) => setTimeout(r, 500));
      expect(await due()).toEqual([{ kind: 'retention', done: true }]);
    } finally {
      await admin.end();
      await standIn.stop();
    }
  }, 120_000);
});
