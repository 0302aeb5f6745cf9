// The operator may apply the migrations with the Supabase CLI or with `npm run db:migrate`; both
// must agree on what is applied, and the CLI's linter (plpgsql_check) must find nothing. Runs the
// pinned CLI (devDependency `supabase`) as hosted `postgres` (no superuser) against fresh databases
// on the PostgreSQL 15 test cluster, bootstrapped as the strict platform. Run by
// scripts/check-supabase-cli.sh (.ci/run), not by `npm test`.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations, readMigrations } from '../../lib/migrations/apply';
import { migrationsDir, repoRoot } from '../support/paths';
import { bootstrapPg15Database } from '../support/pg15';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'node_modules/.bin/supabase');

/** Runs the CLI in the project folder; the test cluster speaks no TLS, which the CLI asks for. */
async function supabase(args: string[], dbUrl: string) {
  const url = new URL(dbUrl);
  url.searchParams.set('sslmode', 'disable');
  const { stdout, stderr } = await run(cli, [...args, '--db-url', url.toString(), '--workdir', repoRoot], {
    cwd: repoRoot,
    env: { ...process.env, DO_NOT_TRACK: '1', SUPABASE_TELEMETRY_DISABLED: '1' },
    timeout: 120_000,
  });
  return { stdout, stderr };
}

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const operatorUrl = await bootstrapPg15Database(adminUrl, url.toString());
  // `db lint` creates plpgsql_check for its run; on hosted, supautils' privileged_extensions has
  // supabase_admin create it for postgres. Plain PostgreSQL has no such hook, so the superuser does.
  const superuser = new pg.Client(url.toString());
  await superuser.connect();
  await superuser.query('create extension if not exists plpgsql_check');
  await superuser.end();
  return operatorUrl;
}

async function runnerApplies(url: string): Promise<string[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await applyMigrations(client, readMigrations(migrationsDir))).applied;
  } finally {
    await client.end();
  }
}

describe('Supabase CLI and npm run db:migrate agree [pg15]', () => {
  const adminUrl = inject('pg15AdminUrl');
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const local = readMigrations(migrationsDir).map((m) => m.version);
  let pushedByCli: string;
  let appliedByRunner: string;

  beforeAll(async () => {
    pushedByCli = await freshDatabase(adminUrl, `konsult_cli_push_${suffix}`);
    appliedByRunner = await freshDatabase(adminUrl, `konsult_cli_runner_${suffix}`);
  }, 120_000);
  afterAll(async () => {
    const admin = new pg.Client(adminUrl);
    await admin.connect();
    for (const url of [pushedByCli, appliedByRunner]) {
      if (url) await admin.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
    }
    await admin.end();
  });

  it('applies every migration with `supabase db push`, after which db:migrate applies nothing', async () => {
    const { stdout, stderr } = await supabase(['db', 'push', '--yes'], pushedByCli);
    expect(`${stdout}${stderr}`).toContain('Finished supabase db push');
    expect(await runnerApplies(pushedByCli)).toEqual([]);
  });

  it('sees every migration db:migrate applied as applied (`supabase migration list`, `db push --dry-run`)', async () => {
    expect(await runnerApplies(appliedByRunner)).toHaveLength(local.length);
    const { stdout } = await supabase(['migration', 'list'], appliedByRunner);
    const rows = stdout
      .split('\n')
      .map((line) => line.split('|').map((cell) => cell.replace(/`/g, '').trim()))
      .filter((cells) => cells.length >= 2 && /^\d{14}$/.test(cells[0]));
    expect(rows.map(([localVersion, remoteVersion]) => [localVersion, remoteVersion])).toEqual(local.map((v) => [v, v]));
    const dry = await supabase(['db', 'push', '--dry-run'], appliedByRunner);
    expect(`${dry.stdout}${dry.stderr}`).toContain('Remote database is up to date');
  });

  it('finds nothing to warn about with `supabase db lint` (plpgsql_check) in any schema', async () => {
    const { stdout, stderr } = await supabase(
      ['db', 'lint', '--level', 'warning', '--fail-on', 'none', '--output-format', 'json'],
      pushedByCli,
    );
    const report = stdout.trim();
    // JSON output is {"results": [{function, issues}]}; with nothing found it may print no JSON at all.
    const parsed = /^[[{]/.test(report) ? JSON.parse(report) : { results: [] };
    expect(parsed.results ?? parsed, stderr).toEqual([]);
  });
});
