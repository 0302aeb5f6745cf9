// The app's own rate limits, in front of Auth's (which on hosted Supabase see every request from
// this server's one address): fixed windows counted in Postgres by private.take_rate_limit, so
// every app server shares them. Each limit counts one thing, an account (email or user id) or a
// client address (client-address.ts); the database stores only a hash of it.
//
// Sign-in counts failures only (each attempt is counted before Auth is asked, so parallel guesses
// cannot slip past, and given back when it succeeds), three ways: per address and account (one
// client guessing one password), per account across addresses with a higher cap (many clients
// guessing one password), and per address (one client guessing many accounts). A client locked out of an account does not
// lock out the account's owner from another address unless it spreads its guesses over enough
// addresses to reach the per-account cap, and then only for that window.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ActionError } from '@/lib/actions/action';
import { withAnonTransaction, type TransactionOptions } from '@/lib/db/transaction';

interface Limit {
  max: number;
  windowSeconds: number;
}

export const RATE_LIMITS = {
  signInFailuresPerAddressAndAccount: { max: 10, windowSeconds: 300 },
  signInFailuresPerAccount: { max: 50, windowSeconds: 900 },
  signInFailuresPerAddress: { max: 100, windowSeconds: 300 },
  signUpPerAccount: { max: 5, windowSeconds: 3600 },
  signUpPerAddress: { max: 50, windowSeconds: 600 },
  resetPerAccount: { max: 5, windowSeconds: 3600 },
  resetPerAddress: { max: 30, windowSeconds: 3600 },
  invitationsPerAccount: { max: 30, windowSeconds: 3600 },
  invitationsPerAddress: { max: 100, windowSeconds: 3600 },
  // Wrong second-step codes per account (user id): a stolen password meets this before Auth's limit.
  secondStepFailuresPerAccount: { max: 10, windowSeconds: 300 },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof RATE_LIMITS;
/** A limit and what it counts: an account (lower-case email or user id), an address, or both joined. */
export type Check = [LimitName, string];

/** What an email's limits count: the address as Auth compares it. */
export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

type Queryable = Pick<pg.PoolClient, 'query'>;

function bucket([name, key]: Check): string {
  return `${name}:${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * Counts a hit in every limit (change 1), or gives one back (change -1), in one statement; true
 * when all allow it. Buckets are taken in one order so concurrent callers never wait on each
 * other in a cycle.
 */
export async function takeRateLimits(db: Queryable, checks: Check[], change: 1 | -1): Promise<boolean> {
  const sorted = checks
    .map((check) => ({ bucket: bucket(check), limit: RATE_LIMITS[check[0]] }))
    .sort((a, b) => (a.bucket < b.bucket ? -1 : 1));
  const { rows } = await db.query<{ allowed: boolean }>(
    `select coalesce(bool_and(private.take_rate_limit(l.bucket, l.max, l.seconds, $4)), true) as allowed
       from unnest($1::text[], $2::int[], $3::int[]) as l(bucket, max, seconds)`,
    [sorted.map((s) => s.bucket), sorted.map((s) => s.limit.max), sorted.map((s) => s.limit.windowSeconds), change],
  );
  return rows[0].allowed;
}

/** Counts the attempt in every limit; refuses (the user is told to wait) when any is exhausted. */
export async function enforce(checks: Check[], options: Pick<TransactionOptions, 'pool'> = {}): Promise<void> {
  if (!(await withAnonTransaction((tx) => takeRateLimits(tx, checks, 1), options))) throw new ActionError('errors.rateLimited');
}

/** Gives back an attempt `enforce` counted that turned out not to count (a sign-in that succeeded). */
export async function giveBack(checks: Check[], options: Pick<TransactionOptions, 'pool'> = {}): Promise<void> {
  await withAnonTransaction((tx) => takeRateLimits(tx, checks, -1), options);
}
