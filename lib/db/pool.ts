// One pg Pool per connection string, kept on globalThis so dev reloads do not leak pools. Only
// lib/db/transaction.ts checks connections out of it.
import pg from 'pg';
import { serverEnv } from '@/lib/env';

const globalPools = globalThis as typeof globalThis & { __konsultPools?: Map<string, pg.Pool> };

export function getPool(connectionString: string = serverEnv().databaseUrl): pg.Pool {
  const pools = (globalPools.__konsultPools ??= new Map());
  let pool = pools.get(connectionString);
  if (!pool) {
    pool = new pg.Pool({ connectionString, max: 10, idleTimeoutMillis: 30_000 });
    // An idle client's error (database restart) must not crash the server.
    pool.on('error', (error: Error) => console.error('Database pool error:', error.message));
    pools.set(connectionString, pool);
  }
  return pool;
}

/** Ends every pool (tests, shutdown). */
export async function closePools() {
  const pools = globalPools.__konsultPools;
  if (!pools) return;
  globalPools.__konsultPools = undefined;
  await Promise.all([...pools.values()].map((pool) => pool.end()));
}
