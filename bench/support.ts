// Shared by the benchmarks: each prints one JSON object per measure on stdout.
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import v8 from 'node:v8';
import vm from 'node:vm';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import { asVerifiedClaims, type VerifiedClaims } from '../lib/auth/verified-claims';
import { repoRoot } from '../tests/support/paths';

export function emit(measure: Record<string, unknown>) {
  console.log(JSON.stringify(measure));
}

export const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];

/** Runs `fn` n times and returns the median duration in milliseconds. */
export async function medianMs(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Measures a and b interleaved in rounds, so machine noise hits both alike. */
export function sideBySide(rounds: number, perRound: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  return sideBySideTimed(
    rounds,
    () => medianMs(perRound, a),
    () => medianMs(perRound, b),
  );
}

/**
 * sideBySide for measures that time themselves (a statement inside a transaction that is already
 * open): each call returns its own milliseconds; a and b alternate by round.
 */
export async function sideBySideTimed(rounds: number, a: () => Promise<number>, b: () => Promise<number>) {
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    as.push(await a());
    bs.push(await b());
  }
  const aMs = median(as);
  const bMs = median(bs);
  return { aMs: round(aMs), bMs: round(bMs), ratio: round(aMs / bMs) };
}

export const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** What scripts/seed-demo.ts reports about the consultant it generated. */
export interface SeededAccount {
  email: string;
  password: string;
  workspaceId: string;
  entries: number;
  invoicesSent: number;
}

/**
 * Generates `years` of one consultant's data with scripts/seed-demo.ts in the database at
 * databaseUrl. Asynchronous, so a stand-in served by this same process keeps answering.
 */
export async function seedDemo(databaseUrl: string, years: number, email: string): Promise<SeededAccount> {
  const { stdout: out } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'scripts/seed-demo.ts'), '--years', String(years), '--email', email],
    { cwd: repoRoot, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

/**
 * Claims as the app gets them from a verified token, for a benchmark's user; valid an hour. The
 * session they name is created (as superuser, through `admin`), since the app refuses a dead one.
 */
export async function benchClaims(admin: Pick<pg.Pool, 'query'>, userId: string): Promise<VerifiedClaims> {
  const now = Math.floor(Date.now() / 1000);
  const sessionId = randomUUID();
  await admin.query(`insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')`, [
    sessionId,
    userId,
  ]);
  return asVerifiedClaims({
    sub: userId,
    role: 'authenticated',
    aud: 'authenticated',
    iss: 'bench',
    iat: now,
    exp: now + 3600,
    aal: 'aal1',
    session_id: sessionId,
  })!;
}

/**
 * Makes `copies` more tenants like the one in workspaceId (as superuser, triggers off): every row
 * of its workspace, its owner's auth.users row included, copied with each uuid mapped to a new one
 * per copy, so the copies keep the original's shape and relations. For RLS at multi-tenant scale.
 */
export async function cloneTenant(admin: Pick<pg.Pool, 'query'>, workspaceId: string, copies: number) {
  await admin.query(
    `do $$
     declare
       base uuid := '${workspaceId}';
       owner uuid := (select user_id from public.workspace_members where workspace_id = base and role = 'owner');
       t record;
       cols text;
       vals text;
       filter text;
     begin
       set local session_replication_role = replica;
       insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       select u.instance_id, md5(u.id::text || k)::uuid, u.aud, u.role, k || '-' || u.email, u.encrypted_password, u.email_confirmed_at,
              u.raw_app_meta_data, u.raw_user_meta_data, u.created_at, u.updated_at
         from auth.users u, generate_series(1, ${copies}) k where u.id = owner;
       for t in
         select c.table_name, bool_or(c.column_name = 'workspace_id') as tenant, bool_or(c.column_name = 'user_id') as personal
           from information_schema.columns c join information_schema.tables tb using (table_schema, table_name)
          where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'
          group by c.table_name
       loop
         filter := case when t.table_name = 'workspaces' then 'id = $1' when t.tenant then 'workspace_id = $1' when t.personal then 'user_id = $2' end;
         continue when filter is null;
         select string_agg(format('%I', column_name), ', ' order by ordinal_position),
                string_agg(case when data_type = 'uuid' then format('md5(%I::text || k)::uuid', column_name) else format('%I', column_name) end, ', ' order by ordinal_position)
           into cols, vals
           from information_schema.columns
          where table_schema = 'public' and table_name = t.table_name and is_generated = 'NEVER' and is_identity = 'NO'
            and coalesce(column_default, '') not like 'nextval(%';
         execute format('insert into public.%I (%s) select %s from public.%I, generate_series(1, %s) k where %s', t.table_name, cols, vals, t.table_name, ${copies}, filter)
           using base, owner;
       end loop;
     end $$`,
  );
}

/** A throwaway stand-in in a child process (bench/exports-standin-child.ts), so this process's memory is the benchmark's own. */
export async function startStandInChild() {
  const child = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), [path.join(repoRoot, 'bench/exports-standin-child.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const standIn = await new Promise<{ apiUrl: string; anonKey: string; dbUrl: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`stand-in exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
  });
  return { child, standIn };
}

// A collector we can call: live memory (after collection) is what flatness is about; RSS is
// reported as well, and includes garbage not yet collected.
let collect: (() => void) | undefined;
const live = () => {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** Peak memory while fn runs (live memory sampled every 50 ms), against the level before it. */
export async function measureMemory<T>(fn: () => Promise<T>) {
  const liveBefore = live();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let peakLive = liveBefore;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    peakLive = Math.max(peakLive, live());
  }, 50);
  const start = performance.now();
  try {
    const value = await fn();
    return {
      value,
      ms: round(performance.now() - start, 1),
      peak_rss_mb: round(peakRss / 1e6, 1),
      rss_growth_mb: round((peakRss - rssBefore) / 1e6, 1),
      live_growth_mb: round((peakLive - liveBefore) / 1e6, 1),
    };
  } finally {
    clearInterval(timer);
  }
}
