// The operator's retention command against a running stand-in: a tombstoned account past its
// 30 days is purged, its files removed through the Storage API (bytes gone from disk), the Auth
// user gone; a second run does nothing. And the stand-in's sweep of orphaned file bytes.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOrphanFiles } from '../../embedded/retention-timer';
import { repoRoot } from '../support/paths';
import { signUpConfirmed, startTestStandIn, type TestStandIn } from '../support/stand-in';

const run = promisify(execFile);

describe('npx tsx scripts/retention.ts', () => {
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
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/retention.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ADMIN_DATABASE_URL: standIn.dbUrl, NEXT_PUBLIC_SUPABASE_URL: standIn.apiUrl, SUPABASE_SERVICE_ROLE_KEY: standIn.serviceRoleKey },
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
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
    const upload = await client.storage.from('documents').upload(`${rows[0].workspace_id}/avtal.txt`, new Blob(['hemligt avtal'], { type: 'text/plain' }));
    expect(upload.error).toBeNull();
    expect(storedFiles('documents')).toHaveLength(1);

    // Asked 31 days ago.
    await admin.query(`insert into private.account_deletions (user_id, requested_at, purge_after) values ($1, now() - interval '31 days', now() - interval '1 day')`, [userId]);
    const report = await retention();
    expect(report).toMatchObject({ accounts_purged: 1, storage_files_removed_via_api: 1 });
    expect(storedFiles('documents')).toHaveLength(0);
    expect((await admin.query(`select 1 from auth.users where id = $1`, [userId])).rowCount).toBe(0);
    expect((await client.auth.signInWithPassword({ email, password: 'ett-bra-lösenord' })).error?.code).toBe('invalid_credentials');

    expect(await retention()).toMatchObject({ accounts_purged: 0, invoices_deleted: 0, audit_rows_anonymised: 0, storage_files_removed_via_api: 0 });
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
