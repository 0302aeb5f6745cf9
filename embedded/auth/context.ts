// What every Auth handler needs: the database, the keys, the outbox and the settings.
import type pg from 'pg';
import type { SigningKeys } from '../keys';
import type { Outbox } from '../../lib/email/outbox';
import type { RateLimiter } from './rate-limit';
import type { AuthSettings } from './settings';

export interface AuthContext {
  pool: pg.Pool;
  keys: SigningKeys;
  outbox: Outbox;
  apiUrl: string;
  siteUrl: string;
  now: () => Date;
  limiter: RateLimiter;
  settings: AuthSettings;
  /** A revoked refresh token still answers within this many seconds (GoTrue's refresh_token_reuse_interval). */
  refreshReuseSeconds: number;
}

/** Runs `fn` in one short transaction. Only SQL may be awaited inside (PGlite has one backend). */
export async function transaction<T>(pool: pg.Pool, fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
