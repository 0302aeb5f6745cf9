// One short transaction per request step, run as the caller's role with the caller's claims set
// transaction-locally (PGlite shares session state across connections, so never SET ROLE).
import type pg from 'pg';
import type { Caller } from './caller';
import { errors, StorageError } from './errors';

export type Tx = pg.PoolClient;

/** Thrown inside a transaction to roll it back on purpose (permission probes). */
class Rollback extends Error {}

export interface TxOptions {
  /** Runs as the platform admin before the role switch (e.g. reading an old version to clean up). */
  before?: (tx: Tx) => Promise<void>;
  /** Roll back even on success: the step only tests that RLS would allow it. */
  probe?: boolean;
}

// Its own role switch, not lib/db's actAsUser: Storage acts as whoever the JWT names (anon,
// authenticated or service_role), as hosted Storage does, without the app's workspace choice.
export async function asCaller<T>(pool: pg.Pool, caller: Caller | null, fn: (tx: Tx) => Promise<T>, opts: TxOptions = {}): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw mapDbError(error);
  }
  let result: T | undefined;
  try {
    await client.query('begin');
    if (opts.before) await opts.before(client);
    if (caller) {
      await client.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
        caller.role,
        JSON.stringify(caller.claims),
      ]);
    }
    result = await fn(client);
    if (opts.probe) throw new Rollback();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    if (error instanceof Rollback) return result as T;
    throw mapDbError(error);
  } finally {
    client.release();
  }
}

/** Postgres errors in Storage's words; anything unknown stays a server error. */
export function mapDbError(error: unknown): unknown {
  if (error instanceof StorageError) return error;
  const code = (error as { code?: string } | null)?.code;
  if (code === '42501') return errors.rls();
  if (code === '23505') return errors.duplicate();
  if (code === '23503') return errors.noSuchBucket();
  if (code === '22P02' || code === '22023' || code === '22001') return errors.invalidRequest('Invalid input');
  // Any other database error (a project trigger raising, say) is Storage's DatabaseError 500.
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return new StorageError(500, 'DatabaseError', 'DatabaseError', (error as Error).message || 'Database error');
  }
  return error;
}
