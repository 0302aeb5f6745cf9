// THE database entry point for request code: one transaction, as the role `authenticated`, with the
// verified JWT claims set transaction-locally, so RLS policies see auth.uid() as PostgREST does.
// Nothing else checks connections out of the pool.
import type pg from 'pg';
import type { VerifiedClaims } from '@/lib/auth/verified-claims';
import { getPool } from './pool';

export type Tx = pg.PoolClient;

export interface TransactionOptions {
  /** A specific pool (tests); defaults to the pool for DATABASE_URL. */
  pool?: pg.Pool;
}

export async function withUserTransaction<T>(
  claims: VerifiedClaims,
  fn: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (!claims || typeof claims.sub !== 'string' || claims.role !== 'authenticated') {
    throw new Error('withUserTransaction needs verified claims of an authenticated user');
  }
  const pool = options.pool ?? getPool();
  const client = await pool.connect();
  let broken = false;
  try {
    // One round trip opens the transaction and becomes the user: begin and the transaction-local
    // settings go as one simple query, the claims as an escaped literal.
    await client.query(
      `begin; select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${client.escapeLiteral(JSON.stringify(claims))}, true)`,
    );
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (error) {
    try {
      await client.query('rollback');
    } catch {
      broken = true; // a connection that cannot roll back is not returned to the pool
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
