// `npm run dev`: runs the app. Without Supabase env vars it first starts the embedded stand-in
// (database, Auth, Storage) and points the app at it; with them it uses that project only. In dev
// mode the main pages are requested once (scripts/warm-up.ts) before the URL is printed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startStandIn } from '../embedded/stand-in';
import { clearStatus, describeStatus, local, NEXT_START_ARGS, repoRoot, writeStatus, type LocalStatus } from '../embedded/local';
import { DEMO_ACCOUNTS } from '../embedded/demo';
import { waitForApp, warmUp, type WarmUpOptions } from './warm-up';

const hosted = Boolean(process.env.NEXT_PUBLIC_SUPABASE_URL);
const nextBin = path.join(repoRoot, 'node_modules/.bin/next');
const appUrl = `http://localhost:${local.appPort}`;
// Loopback only, so nobody on the same network reaches a developer's app; APP_HOST=0.0.0.0 opts in.
const appHost = process.env.APP_HOST || '127.0.0.1';
const production = process.argv.includes('--production');

/**
 * Once the app answers, compiles the main pages (dev mode only: a production build has them) and
 * then prints `ready`. Never throws: a warm-up that fails still prints, and the app keeps running.
 */
async function warmThenPrint(ready: string, auth?: WarmUpOptions['auth']) {
  if (!production) {
    console.log('Preparing the main pages (the first request of each page compiles it)…');
    try {
      if (await waitForApp(appUrl, 180_000)) {
        const started = Date.now();
        const warmed = await warmUp({ appUrl, auth });
        console.log(`Prepared ${warmed.length} pages in ${Math.round((Date.now() - started) / 1000)} s.`);
      }
    } catch (error) {
      console.log(`Preparing the pages failed (${(error as Error).message}); they compile on their first visit instead.`);
    }
  }
  console.log(ready);
}

function runNext(env: NodeJS.ProcessEnv) {
  env = { NEXT_TELEMETRY_DISABLED: '1', ...env };
  const args = production ? ['start', ...NEXT_START_ARGS] : ['dev'];
  return spawn(nextBin, [...args, '-H', appHost, '-p', String(local.appPort)], { cwd: repoRoot, env, stdio: 'inherit' });
}

if (hosted) {
  for (const name of ['NEXT_PUBLIC_SUPABASE_ANON_KEY', 'DATABASE_URL']) {
    if (!process.env[name]) {
      console.error(`NEXT_PUBLIC_SUPABASE_URL is set, so ${name} must be set too (see README.md).`);
      process.exit(1);
    }
  }
  console.log(`Using the Supabase project at ${process.env.NEXT_PUBLIC_SUPABASE_URL}; the embedded stand-in does not start.`);
  const next = runNext({ SITE_URL: appUrl, ...process.env });
  next.on('exit', (code) => process.exit(code ?? 0));
  void warmThenPrint(`\n  App URL: ${appUrl}\n`);
} else {
  const standIn = await startStandIn({
    dataDir: local.dataDir,
    supabaseDir: local.supabaseDir,
    dbPort: local.dbPort,
    apiPort: local.apiPort,
    siteUrl: appUrl,
  });
  const status: LocalStatus = {
    pid: process.pid,
    appUrl,
    apiUrl: standIn.apiUrl,
    anonKey: standIn.anonKey,
    dbUrl: standIn.dbUrl,
    appDbUrl: standIn.appDbUrl,
    outboxDir: standIn.outbox.dir,
    demo: standIn.hasDemoAccount ? DEMO_ACCOUNTS : undefined,
  };
  writeStatus(status);
  if (standIn.appliedMigrations.length) console.log(`Applied migrations: ${standIn.appliedMigrations.join(', ')}`);
  if (standIn.seeded) console.log('Created a fresh database and loaded supabase/seed.sql.');

  const next = runNext({
    ...process.env,
    NEXT_PUBLIC_SUPABASE_URL: standIn.apiUrl,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: standIn.anonKey,
    DATABASE_URL: standIn.appDbUrl,
    SITE_URL: process.env.SITE_URL ?? appUrl,
    MAIL_OUTBOX_DIR: process.env.SMTP_URL ? undefined : standIn.outbox.dir,
  });

  void warmThenPrint(
    describeStatus(status),
    status.demo && { supabaseUrl: standIn.apiUrl, anonKey: standIn.anonKey, email: status.demo.email, password: status.demo.password },
  );

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill('SIGTERM');
    clearStatus();
    await standIn.stop();
    process.exit(code);
  };
  next.on('exit', (code) => void shutdown(code ?? 0));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}
