// PostgreSQL 15 target (what Supabase hosts), bootstrapped as strict as hosted Supabase: the
// cluster's superuser is supabase_admin, and `postgres`, which applies the migrations and which the
// suites' admin pool logs in as, is no superuser (embedded/platform/01_roles.sql). Uses PG15_URL (a
// superuser other than postgres) when given; otherwise starts a throwaway cluster from Debian's
// postgresql-15 binaries for the length of the run. TCP logins need a password (SCRAM), as on a
// Supabase project, so a wrong one is refused as it is in production.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { APP_ROLE_NAME } from '../../embedded/database';
import { bootstrapPlatform } from '../../embedded/platform/bootstrap';
import { applyMigrations, readMigrations } from '../../lib/migrations/apply';
import { migrationsDir } from './paths';
import { freePort } from './ports';

const BIN = process.env.PG15_BIN ?? '/usr/lib/postgresql/15/bin';
export const PG15_TEMPLATE = 'konsult_template';

let pgdataStarted: string | undefined;
let dataDir: string | undefined;

/** The app role's password, derived from the cluster's superuser URL so every worker knows it. */
export function pg15AppRole(adminUrl: string) {
  return { name: APP_ROLE_NAME, password: createHash('sha256').update(`app role of ${adminUrl}`).digest('base64url') };
}

/** Hosted Supabase's `postgres` (no superuser): its password, derived like the app role's. */
export function pg15Operator(adminUrl: string) {
  return { name: 'postgres', password: createHash('sha256').update(`postgres of ${adminUrl}`).digest('base64url') };
}

/** The same database as `url`, logged in as `role`. */
export function urlAs(url: string, role: { name: string; password: string }): string {
  const as = new URL(url);
  as.username = role.name;
  as.password = role.password;
  return as.toString();
}

/**
 * Makes the database at `superuserDbUrl` a strict Supabase platform and returns the URL the
 * operator (`postgres`) uses for it, which is the one the migrations must be applied through.
 */
export async function bootstrapPg15Database(clusterAdminUrl: string, superuserDbUrl: string): Promise<string> {
  if (new URL(clusterAdminUrl).username === 'postgres') {
    throw new Error(
      'PG15_URL must name a superuser other than postgres (e.g. supabase_admin): the platform demotes postgres as hosted Supabase does.',
    );
  }
  const operator = pg15Operator(clusterAdminUrl);
  const client = new pg.Client(superuserDbUrl);
  await client.connect();
  try {
    await bootstrapPlatform({ exec: (sql) => client.query(sql) }, pg15AppRole(clusterAdminUrl));
    await client.query(`alter role postgres with password '${operator.password}'`);
  } finally {
    await client.end();
  }
  return urlAs(superuserDbUrl, operator);
}

function asPostgresUser(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

async function waitForServer(url: string) {
  for (let i = 0; i < 100; i++) {
    const client = new pg.Client(url);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`PostgreSQL 15 did not start: ${url}`);
}

async function startCluster(): Promise<string> {
  if (!existsSync(path.join(BIN, 'initdb'))) {
    throw new Error(
      `PostgreSQL 15 is needed for the database tests: install Debian's postgresql-15 ` +
        `(apt-get install -y postgresql) or set PG15_URL to a superuser URL.`,
    );
  }
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'konsult-pg15-'));
  chmodSync(dataDir, 0o777);
  const pgdata = path.join(dataDir, 'data');
  const password = randomBytes(24).toString('base64url');
  const pwfile = path.join(dataDir, 'pwfile');
  writeFileSync(pwfile, password, { mode: 0o644 });
  execFileSync(
    ...asPostgresUser(path.join(BIN, 'initdb'), [
      '-D',
      pgdata,
      '-U',
      'supabase_admin',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      `--pwfile=${pwfile}`,
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]),
    { stdio: 'ignore' },
  );
  rmSync(pwfile);
  const port = await freePort();
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off`;
  execFileSync(...asPostgresUser(path.join(BIN, 'pg_ctl'), ['-D', pgdata, '-o', options, '-l', path.join(dataDir, 'log'), 'start']), {
    stdio: 'ignore',
  });
  pgdataStarted = pgdata;
  const url = `postgresql://supabase_admin:${password}@127.0.0.1:${port}/postgres`;
  await waitForServer(url);
  return url;
}

export async function preparePg15Template(): Promise<{ adminUrl: string; template: string }> {
  const adminUrl = process.env.PG15_URL ?? (await startCluster());
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`drop database if exists ${PG15_TEMPLATE}`);
  await admin.query(`create database ${PG15_TEMPLATE}`);
  await admin.end();

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${PG15_TEMPLATE}`;
  // Migrations run as postgres, as `supabase db push` and `npm run db:migrate` do on hosted.
  const client = new pg.Client(await bootstrapPg15Database(adminUrl, templateUrl.toString()));
  await client.connect();
  try {
    await applyMigrations(client, readMigrations(migrationsDir));
  } finally {
    await client.end();
  }
  return { adminUrl, template: PG15_TEMPLATE };
}

export async function createPg15Copy(adminUrl: string, template: string) {
  const name = `konsult_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`create database ${name} template ${template} owner postgres`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    /** The operator's login (hosted `postgres`, no superuser), as the suites' admin pool. */
    adminUrl: urlAs(url.toString(), pg15Operator(adminUrl)),
    /** The cluster's superuser (supabase_admin), for the few tests that play the platform itself. */
    superuserUrl: url.toString(),
    appUrl: urlAs(url.toString(), pg15AppRole(adminUrl)),
    async stop() {
      const c = new pg.Client(adminUrl);
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function stopPg15() {
  if (pgdataStarted) {
    execFileSync(...asPostgresUser(path.join(BIN, 'pg_ctl'), ['-D', pgdataStarted, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    pgdataStarted = undefined;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
