// Database test harness: every suite written with `describeEachDatabase` runs against a fresh
// copy of the migrated database on PGlite and on PostgreSQL 15, and acts as real roles.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { actAsUser, type ActiveWorkspace } from '@/lib/db/transaction';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createPg15Copy } from './pg15';
import { startPgliteCopy } from './pglite';

export type Target = 'pglite' | 'pg15';

/**
 * A pool on a test database. A connection the server closes while it sits idle (the copy dropped
 * or the server stopped at teardown, under load after the suite's last query) is not a failure;
 * an error of a query still reaches the test that ran it.
 */
function testPool(connectionString: string, max: number) {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => {});
  return pool;
}
export const TARGETS: Target[] = ['pglite', 'pg15'];

export interface Claims {
  sub: string;
  role: 'authenticated';
  email?: string;
  [key: string]: unknown;
}

export class TestDatabase {
  constructor(
    readonly target: Target,
    readonly adminUrl: string,
    readonly appUrl: string,
    /**
     * The operator's pool: `postgres`, which applied the migrations and owns the tables. On PG15 no
     * superuser (CREATEROLE, BYPASSRLS), as on hosted Supabase; on PGlite its one superuser.
     */
    readonly admin: pg.Pool,
    private readonly stopCopy: () => Promise<void>,
    /** The platform's superuser (supabase_admin on PG15), for tests that play Supabase itself. */
    readonly superuserUrl: string,
  ) {}

  /** Runs fn in one transaction as `role` with the given JWT claims, as PostgREST does (users: asUser). */
  async as<T>(
    role: 'anon' | 'authenticated' | 'service_role',
    claims: Record<string, unknown> | null,
    fn: (c: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    const client = await this.admin.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
        role,
        JSON.stringify(claims ?? { role }),
      ]);
      const result = await fn(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Runs fn in one transaction as the user, the way a request opens it (lib/db actAsUser:
   * private.open_request included). Unscoped unless a workspace is asked for: the suites check
   * what RLS shows across every membership (an accountant of several firms).
   */
  asUser<T>(
    userId: string,
    fn: (c: pg.PoolClient, workspace: ActiveWorkspace | null) => Promise<T>,
    options: Parameters<typeof actAsUser>[3] = {},
  ) {
    return actAsUser(this.admin, userId, fn, { unscoped: !options.workspaceId, ...options });
  }

  /**
   * n transactions as the user at once, each on its own connection and all open before any goes
   * on (concurrency tests); each commits when its fn returns and rolls back when it throws.
   */
  async asUserAtOnce<T>(userId: string, n: number, fn: (c: pg.PoolClient, i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
    const pool = testPool(this.adminUrl, n);
    let opened = 0;
    let allOpen!: () => void;
    const ready = new Promise<void>((resolve) => (allOpen = resolve));
    try {
      return await Promise.allSettled(
        Array.from({ length: n }, (_, i) =>
          actAsUser(pool, userId, async (c) => {
            if (++opened === n) allOpen();
            await ready;
            return fn(c, i);
          }),
        ),
      );
    } finally {
      await pool.end();
    }
  }

  asAnon<T>(fn: (c: pg.PoolClient) => Promise<T>) {
    return this.as('anon', null, fn);
  }

  asServiceRole<T>(fn: (c: pg.PoolClient) => Promise<T>) {
    return this.as('service_role', { role: 'service_role' }, fn);
  }

  /** Inserts an auth user the way Supabase Auth does at sign-up; returns its id. */
  async createUser(email = `user-${randomUUID().slice(0, 8)}@example.test`): Promise<string> {
    const id = randomUUID();
    await this.admin.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
         raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, '', now(),
         '{"provider":"email","providers":["email"]}', '{}', now(), now())`,
      [id, email],
    );
    return id;
  }

  /** A live auth.sessions row for the user, as a sign-in leaves; its id goes in the claims' session_id. */
  async createSession(userId: string): Promise<string> {
    const id = randomUUID();
    await this.admin.query(`insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')`, [
      id,
      userId,
    ]);
    return id;
  }

  async stop() {
    await this.admin.end();
    await this.stopCopy();
  }
}

export async function openTestDatabase(target: Target): Promise<TestDatabase> {
  const copy =
    target === 'pglite'
      ? await startPgliteCopy(inject('pgliteTemplate'))
      : await createPg15Copy(inject('pg15AdminUrl'), inject('pg15Template'));
  // PGlite runs one statement at a time; a small pool keeps tests from queueing needlessly.
  const admin = testPool(copy.adminUrl, target === 'pglite' ? 4 : 20);
  return new TestDatabase(target, copy.adminUrl, copy.appUrl, admin, copy.stop, copy.superuserUrl);
}

/** What a login to `url` ends in: the server's SQLSTATE (28P01: wrong password), or 'connected'. */
export async function loginOutcome(url: string | URL): Promise<string> {
  const client = new pg.Client(url.toString());
  try {
    await client.connect();
    return 'connected';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Declares the suite once per database target; `db()` is that target's fresh database. */
export function describeEachDatabase(name: string, body: (db: () => TestDatabase, target: Target) => void) {
  for (const target of TARGETS) {
    describe(`${name} [${target}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(target);
      }, 60_000);
      afterAll(async () => {
        await database?.stop();
      });
      body(() => {
        if (!database) throw new Error('database not ready');
        return database;
      }, target);
    });
  }
}
