// Shared by the benchmarks: each prints one JSON object per measure on stdout.
import { execFileSync } from 'node:child_process';
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
export async function sideBySide(rounds: number, perRound: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    as.push(await medianMs(perRound, a));
    bs.push(await medianMs(perRound, b));
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

/** Generates `years` of one consultant's data with scripts/seed-demo.ts in the database at databaseUrl. */
export function seedDemo(databaseUrl: string, years: number, email: string): SeededAccount {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/seed-demo.ts'), '--years', String(years), '--email', email], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

/**
 * Claims as the app gets them from a verified token, for a benchmark's user; valid an hour. The
 * session they name is created (as superuser, through `admin`), since the app refuses a dead one.
 */
export async function benchClaims(admin: Pick<pg.Pool, 'query'>, userId: string): Promise<VerifiedClaims> {
  const now = Math.floor(Date.now() / 1000);
  const sessionId = randomUUID();
  await admin.query(`insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')`, [sessionId, userId]);
  return asVerifiedClaims({ sub: userId, role: 'authenticated', aud: 'authenticated', iss: 'bench', iat: now, exp: now + 3600, aal: 'aal1', session_id: sessionId })!;
}
