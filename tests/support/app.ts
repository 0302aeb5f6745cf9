// Starts the real Next.js app (production build) against a throwaway stand-in, for browser tests.
// `next build` runs at most once per test run, and only when the app's sources changed since the
// last build (a content hash in a marker file); concurrent test files wait on a lock directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NEXT_START_ARGS } from '../../embedded/local';
import { repoRoot } from './paths';
import { freePort } from './ports';
import { startTestStandIn, type TestStandIn } from './stand-in';

const buildDir = path.join(repoRoot, '.data/test');
const lockDir = path.join(buildDir, 'next-build.lock');
const marker = path.join(buildDir, 'next-build.json');
const nextBin = path.join(repoRoot, 'node_modules/.bin/next');

/** Everything that goes into the Next build. */
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'next.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
  'instrumentation.ts',
  'instrumentation-client.ts',
  'sentry.client.config.ts',
  'sentry.server.config.ts',
];

function sourceHash(): string {
  const hash = createHash('sha256');
  const visit = (rel: string) => {
    const abs = path.join(repoRoot, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) visit(path.posix.join(rel, name));
    } else {
      hash.update(rel).update('\0').update(readFileSync(abs)).update('\0');
    }
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest('hex');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function builtThisRun(hash: string) {
  if (!existsSync(marker) || !existsSync(path.join(repoRoot, '.next/BUILD_ID'))) return false;
  try {
    return (JSON.parse(readFileSync(marker, 'utf8')) as { hash?: string }).hash === hash;
  } catch {
    return false;
  }
}

export async function ensureNextBuild() {
  mkdirSync(buildDir, { recursive: true });
  const hash = sourceHash();
  for (;;) {
    if (builtThisRun(hash)) return;
    try {
      mkdirSync(lockDir);
    } catch {
      // Another file is building; a lock older than 10 minutes belongs to a dead run.
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > 600_000) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // the lock went away meanwhile
      }
      await sleep(500);
      continue;
    }
    try {
      if (builtThisRun(hash)) return;
      const result = spawnSync(nextBin, ['build'], {
        cwd: repoRoot,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
      writeFileSync(marker, JSON.stringify({ hash, builtAt: new Date().toISOString() }));
      return;
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
}

export interface TestApp {
  appUrl: string;
  standIn: TestStandIn;
  /** What the Next process printed, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, logs: () => string) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${logs()}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`next start did not answer at ${url}:\n${logs()}`);
}

/** A fictional operator: production requires the legal pages' operator details to be configured. */
export const TEST_OPERATOR_ENV = {
  OPERATOR_NAME: 'Testoperatören AB',
  OPERATOR_EMAIL: 'dataskydd@testoperator.example',
  OPERATOR_ORG_NUMBER: '559999-0001',
  OPERATOR_HOSTING_REGION: 'EU (Stockholm)',
};

/**
 * The production build on a fresh stand-in. `seed`: load supabase/seed.sql (the demo owner and
 * accountant with their data), as `npm run dev` does; `databaseUrl` points the app's data elsewhere
 * (the load benchmark's PostgreSQL 15).
 */
export async function startTestApp(options: { seed?: boolean; databaseUrl?: string } = {}): Promise<TestApp> {
  await ensureNextBuild();
  const port = await freePort();
  // localhost, not 127.0.0.1: browsers treat it as a secure context, so Secure cookies work over http.
  const appUrl = `http://localhost:${port}`;
  const standIn = await startTestStandIn({ seed: options.seed ?? false, siteUrl: appUrl });
  let output = '';
  const child = spawn(nextBin, ['start', ...NEXT_START_ARGS, '-p', String(port)], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_PUBLIC_SUPABASE_URL: standIn.apiUrl,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: standIn.anonKey,
      DATABASE_URL: options.databaseUrl ?? standIn.appDbUrl,
      SITE_URL: appUrl,
      MAIL_OUTBOX_DIR: standIn.outbox.dir,
      ...TEST_OPERATOR_ENV,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const logs = () => output;
  try {
    await waitForHttp(`${appUrl}/login`, child, logs);
  } catch (error) {
    child.kill('SIGKILL');
    await standIn.stop();
    throw error;
  }
  return {
    appUrl,
    standIn,
    logs,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(5000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await standIn.stop();
    },
  };
}
