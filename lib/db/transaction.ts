// THE database entry point: one transaction, as the role `authenticated`, with the verified JWT
// claims set transaction-locally, so RLS policies see auth.uid() as PostgREST does. Request code
// reaches it only through lib/request (one transaction per request, tests/app/request-boundary);
// scripts, benchmarks and tests act as a user with actAsUser, which takes the same path.
import type pg from 'pg';
import { SessionEndedError } from '@/lib/auth/signed-out';
import type { VerifiedClaims } from '@/lib/auth/verified-claims';
import { HEADER_TIMER_SQL, headerTimerFrom, type HeaderTimerData } from '@/lib/time/header';
import { getPool } from './pool';
import type { MyWorkspace } from './workspaces';

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

/** What the app's frame (layout and shell) shows, read in the opening round trip when asked for. */
export interface Frame {
  /** Every membership, read before the transaction narrows to the active workspace. */
  memberships: MyWorkspace[];
  /** The account's pending deletion (a tombstoned account may only restore). */
  deletion: { requestedAt: Date; purgeAfter: Date } | null;
  /** The header's timer; null unless the user owns the active workspace. */
  timer: HeaderTimerData | null;
}

export interface Opened {
  workspace: ActiveWorkspace | null;
  frame: Frame | null;
  /** The account has a verified second factor and this session has not used it (below aal2):
   * every policy refuses it, so the app shows the second step instead. */
  secondFactorDue: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workspace the user chose last (user_metadata.active_workspace_id in the token), if any. */
function preferredWorkspace(claims: { user_metadata?: unknown }, explicit?: string): string | null {
  const fromToken = (claims.user_metadata as Record<string, unknown> | undefined)?.active_workspace_id;
  const candidate = explicit ?? fromToken;
  return typeof candidate === 'string' && UUID.test(candidate) ? candidate : null;
}

interface OpenedRow {
  live: boolean;
  id: string | null;
  role: ActiveWorkspace['role'] | null;
  memberships: (Omit<MyWorkspace, 'createdAt'> & { createdAt: string })[] | null;
  requested_at: Date | null;
  purge_after: Date | null;
  second_factor_due: boolean | null;
}

type OpeningOptions = TransactionOptions & { frame?: boolean; checkSession?: boolean; begun?: boolean };

/** The opening round trip's text (also what the embedded wire guard's benchmark parses). */
export function openingText(
  claims: { user_metadata?: unknown },
  options: OpeningOptions,
  escapeLiteral: (value: string) => string,
): string {
  const preferred = preferredWorkspace(claims, options.workspaceId);
  return [
    ...(options.begun ? [] : [`begin`]),
    `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${escapeLiteral(JSON.stringify(claims))}, true)`,
    `select * from private.open_request(${preferred ? `${escapeLiteral(preferred)}::uuid` : 'null'}, ${!options.unscoped}, ${options.checkSession !== false}, ${options.frame === true})`,
    ...(options.frame ? [HEADER_TIMER_SQL] : []),
  ].join(';\n');
}

/**
 * Opens a transaction on `client` as the user, in one round trip: begin, become the user (role
 * and verified claims), then private.open_request in one call with plans the session keeps: is
 * the token's session still live (a signed-out token is unexpired for up to an hour; skipped for
 * actAsUser, whose users have no sign-in), the active workspace (the chosen one if the user is a
 * member, else the one they own, else their first; it sets app.workspace_id, which every
 * membership helper narrows to), the memberships sealed for the policies, whether the session
 * owes its second factor, and optionally the frame. Values go in as escaped literals. The role is set by a statement of its own before the
 * call, since the call's EXECUTE privilege is checked as the role in force when it starts.
 */
export async function openUserTransaction(
  client: pg.PoolClient,
  claims: { sub: string; role?: unknown; user_metadata?: unknown },
  options: OpeningOptions = {},
): Promise<Opened> {
  if (!claims || typeof claims.sub !== 'string' || claims.role !== 'authenticated') {
    throw new Error('a user transaction needs verified claims of an authenticated user');
  }
  const results = (await client.query(openingText(claims, options, (v) => client.escapeLiteral(v)))) as unknown as pg.QueryResult[];
  // With the frame, the header's timer is the last statement, after the workspace is chosen.
  const row = results.at(options.frame ? -2 : -1)!.rows[0] as OpenedRow;
  if (!row.live) throw new SessionEndedError();
  const frame: Frame | null = options.frame
    ? {
        memberships: (row.memberships ?? []).map((m) => ({ ...m, createdAt: new Date(m.createdAt) })),
        deletion: row.requested_at && row.purge_after ? { requestedAt: row.requested_at, purgeAfter: row.purge_after } : null,
        timer: headerTimerFrom(results.at(-1)!.rows[0]),
      }
    : null;
  return {
    workspace: row.id && row.role ? { id: row.id, role: row.role } : null,
    frame,
    secondFactorDue: row.second_factor_due === true,
  };
}

/** Commits (or rolls back) and returns the connection; one that cannot roll back is discarded. */
export async function endTransaction(client: pg.PoolClient, commit: boolean): Promise<void> {
  let broken = false;
  try {
    await client.query(commit ? 'commit' : 'rollback');
  } catch (error) {
    if (commit) {
      await client.query('rollback').catch(() => (broken = true));
      client.release(broken);
      throw error;
    }
    broken = true;
  }
  client.release(broken);
}

/** A connection for a transaction (lib/request and the helpers below only). */
export function connect(pool: pg.Pool = getPool()): Promise<pg.PoolClient> {
  return pool.connect();
}

/** Runs `fn` in one transaction as the user (verified claims), committing or rolling back whole. */
export async function withUserTransaction<T>(
  claims: VerifiedClaims,
  fn: (tx: Tx, workspace: ActiveWorkspace | null) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  return inTransaction(options.pool ?? getPool(), async (client) =>
    fn(client, (await openUserTransaction(client, claims, options)).workspace),
  );
}

/**
 * THE way scripts, benchmarks and tests act as a user: the same opening as a request (role,
 * claims, private.open_request), without the sign-in session a script's user has not got.
 */
export async function actAsUser<T>(
  pool: pg.Pool,
  userId: string,
  fn: (tx: Tx, workspace: ActiveWorkspace | null) => Promise<T>,
  options: Omit<TransactionOptions, 'pool'> & {
    /** More claims (email, user_metadata) beside sub, role and aud. */
    claims?: Record<string, unknown>;
    /** Roll back even when fn succeeds (trying a statement without keeping its effects). */
    rollback?: boolean;
    /**
     * Runs first in the same transaction, as the pool's own login (the table owner in tests):
     * rows forged past the triggers that only this transaction sees, then the user acts on them.
     */
    beforeBecoming?: (tx: Tx) => Promise<unknown>;
  } = {},
): Promise<T> {
  const claims = { sub: userId, role: 'authenticated', aud: 'authenticated', ...options.claims };
  return inTransaction(
    pool,
    async (client) => {
      if (options.beforeBecoming) {
        await client.query('begin');
        await options.beforeBecoming(client);
      }
      const opened = await openUserTransaction(client, claims, { ...options, checkSession: false, begun: !!options.beforeBecoming });
      return fn(client, opened.workspace);
    },
    !options.rollback,
  );
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
async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, commit = true): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    result = await work(client);
  } catch (error) {
    await endTransaction(client, false);
    throw error;
  }
  await endTransaction(client, commit);
  return result;
}
