// The embedded Supabase stand-in: Postgres (PGlite on the wire protocol), the Auth API and the
// Storage API, started together when no Supabase project is configured.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations, readMigrations } from '../lib/migrations/apply';
import { startApiServer } from './api-server';
import { createAuthApi, readAuthSettings } from './auth';
import { startEmbeddedDatabase } from './database';
import { DEMO_ACCOUNTS } from './demo';
import { startStandInJobs } from './jobs';
import { loadOrCreateKeys, JWT_ISSUER_PATH } from './keys';
import { Outbox } from '../lib/email/outbox';
import { createStorageApi } from './storage';

export interface StandInOptions {
  dataDir: string;
  /** Folder holding config.toml, migrations/ and seed.sql. */
  supabaseDir: string;
  dbPort: number;
  apiPort: number;
  /** Where the app runs: links in emails point there. */
  siteUrl: string;
  /** Load seed.sql when this start creates the database (default true). */
  seed?: boolean;
  /** Run the job runner (archive recovery, retention) in this process (default true). */
  jobs?: boolean;
}

export interface StandIn {
  apiUrl: string;
  dbUrl: string;
  appDbUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  outbox: Outbox;
  appliedMigrations: string[];
  seeded: boolean;
  /** Whether the demo consultant from seed.sql exists, so its sign-in can be printed. */
  hasDemoAccount: boolean;
  stop(): Promise<void>;
}

export async function startStandIn(opts: StandInOptions): Promise<StandIn> {
  const database = await startEmbeddedDatabase({ dataDir: opts.dataDir, port: opts.dbPort });
  const admin = new pg.Client(database.adminUrl);
  await admin.connect();
  let applied: string[];
  let seeded = false;
  let hasDemoAccount: boolean;
  try {
    applied = (await applyMigrations(admin, readMigrations(path.join(opts.supabaseDir, 'migrations')))).applied;
    const seedFile = path.join(opts.supabaseDir, 'seed.sql');
    if (database.created && (opts.seed ?? true) && existsSync(seedFile)) {
      await admin.query(readFileSync(seedFile, 'utf8'));
      seeded = true;
    }
    const demo = await admin.query('select 1 from auth.users where email = $1', [DEMO_ACCOUNTS.email]);
    hasDemoAccount = demo.rowCount === 1;
  } finally {
    await admin.end();
  }

  // The services connect as the platform's own admin, like Supabase's Auth and Storage servers.
  const pool = new pg.Pool({ connectionString: database.adminUrl, max: 10 });
  const apiUrlGuess = `http://127.0.0.1:${opts.apiPort}`;
  const keys = await loadOrCreateKeys(opts.dataDir, `${apiUrlGuess}${JWT_ISSUER_PATH}`);
  const outbox = new Outbox(path.join(opts.dataDir, 'outbox'));
  const filesDir = path.join(opts.dataDir, 'storage');
  const api = await startApiServer({
    port: opts.apiPort,
    allowedOrigins: [opts.siteUrl],
    services: {
      '/auth/v1': createAuthApi({
        pool,
        keys,
        outbox,
        apiUrl: apiUrlGuess,
        siteUrl: opts.siteUrl,
        settings: readAuthSettings(path.join(opts.supabaseDir, 'config.toml')),
      }),
      '/storage/v1': createStorageApi({ pool, keys, filesDir, apiUrl: apiUrlGuess }),
    },
  });
  if (api.url !== apiUrlGuess) {
    await api.stop();
    await pool.end();
    await database.stop();
    throw new Error(`The stand-in API must run on a fixed port (asked ${opts.apiPort}, got ${api.port})`);
  }
  // What `npm run jobs` (cron) does on a hosted project: archive recovery and retention.
  const jobs = (opts.jobs ?? true) ? startStandInJobs(pool, api.url, keys.serviceRoleKey, filesDir) : null;
  return {
    apiUrl: api.url,
    dbUrl: database.adminUrl,
    appDbUrl: database.appUrl,
    anonKey: keys.anonKey,
    serviceRoleKey: keys.serviceRoleKey,
    outbox,
    appliedMigrations: applied,
    seeded,
    hasDemoAccount,
    async stop() {
      await jobs?.stop();
      await api.stop();
      await pool.end();
      await database.stop();
    },
  };
}
