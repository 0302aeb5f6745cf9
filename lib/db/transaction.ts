// THE database entry point for request code: one transaction, as the role `authenticated`, with the
// verified JWT claims set transaction-locally, so RLS policies see auth.uid() as PostgREST does.
// Nothing else checks connections out of the pool.
import type pg from 'pg';
import { SessionEndedError } from '@/lib/auth/signed-out';
import type { VerifiedClaims } from '@/lib/auth/verified-claims';
import { getPool } from './pool';

export type Tx = pg.PoolClient;

/** The workspace a transaction acts in, and the user's role there (null: no membership at all). */
export interface ActiveWorkspace {
  id: string;
  role: 'owner' | 'accountant';
}

export interface TransactionOptions {
  /** A specific pool (tests); defaults to the pool for DATABASE_URL. */
  pool?: pg.Pool;
  /** Act in this workspace when the user is a member of it (else the preferred one, see below). */
  workspaceId?: string;
  /** See every membership instead of narrowing to the active workspace (choosing a workspace). */
  unscoped?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workspace the user chose last (user_metadata.active_workspace_id in the token), if any. */
function preferredWorkspace(claims: VerifiedClaims, explicit?: string): string | null {
  const fromToken = (claims.user_metadata as Record<string, unknown> | undefined)?.active_workspace_id;
  const candidate = explicit ?? fromToken;
  return typeof candidate === 'string' && UUID.test(candidate) ? candidate : null;
}

export async function withUserTransaction<T>(
  claims: VerifiedClaims,
  fn: (tx: Tx, workspace: ActiveWorkspace | null) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (!claims || typeof claims.sub !== 'string' || claims.role !== 'authenticated') {
    throw new Error('withUserTransaction needs verified claims of an authenticated user');
  }
  const preferred = preferredWorkspace(claims, options.workspaceId);
  return inTransaction(options.pool ?? getPool(), async (client) => {
    // One round trip opens the transaction, becomes the user, checks that the token's session is
    // still live (a signed-out token is unexpired for up to an hour) and picks the active workspace
    // (private.choose_workspace: the chosen one if the user is a member, else the one they own,
    // else their first; it sets app.workspace_id, which every membership helper narrows to).
    // Values go in as escaped literals.
    const opened = (await client.query(
      `begin; select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${client.escapeLiteral(JSON.stringify(claims))}, true);
       select private.session_is_live() as live;
       select id::text, role from private.choose_workspace(${preferred ? `${client.escapeLiteral(preferred)}::uuid` : 'null'}, ${!options.unscoped})`,
    )) as unknown as pg.QueryResult[];
    if (opened[2]?.rows[0]?.live !== true) throw new SessionEndedError();
    const row = opened[3]?.rows[0] as ActiveWorkspace | undefined;
    return fn(client, row ? { id: row.id, role: row.role } : null);
  });
}

/**
 * For signed-out visitors (e.g. logging a failed sign-in): one transaction as `anon`. A bare
 * app_server connection is anon on PostgreSQL already; PGlite's single session needs it said.
 */
export async function withAnonTransaction<T>(fn: (tx: Tx) => Promise<T>, options: Pick<TransactionOptions, 'pool'> = {}): Promise<T> {
  return inTransaction(options.pool ?? getPool(), async (client) => {
    await client.query(`begin; select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`);
    return fn(client);
  });
}

/** Runs `work` (which opens the transaction) and commits, or rolls back whole on any error. */
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    const result = await work(client);
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
