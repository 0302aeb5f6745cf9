// Issue 13, finding 1: "the embedded database accepts any login and makes it superuser". Logins
// need the role's password and are refused with PostgreSQL's errors; a connection is the role it
// logged in as, so a bare app_server connection is anon and sees nothing, on PGlite exactly as on
// PostgreSQL 15, while RLS still lets the app read what the signed-in user may.
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { asVerifiedClaims, type VerifiedClaims } from '@/lib/auth/verified-claims';
import { closePools, getPool } from '@/lib/db/pool';
import { withUserTransaction } from '@/lib/db/transaction';
import { describeEachDatabase, loginOutcome, type TestDatabase } from '../support/db';

async function connect(url: string | URL) {
  const client = new pg.Client(url.toString());
  await client.connect();
  return client;
}

/** The SQLSTATE a statement fails with, or its rows when it does not. */
async function outcome(client: pg.Client, sql: string): Promise<string | unknown[]> {
  try {
    return (await client.query(sql)).rows;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

/** Claims of a signed-in user: withUserTransaction serves only a live session. */
async function claimsFor(db: TestDatabase, id: string, email?: string): Promise<VerifiedClaims> {
  const session_id = await db.createSession(id);
  const claims = asVerifiedClaims({
    sub: id,
    role: 'authenticated',
    aud: 'authenticated',
    email,
    session_id,
    iss: 'test',
    exp: 0,
    iat: 0,
  } as never);
  if (!claims) throw new Error('claims rejected');
  return claims;
}

describeEachDatabase('database login (issue 13: any login was superuser)', (db) => {
  afterAll(async () => {
    await closePools();
  });

  it('refuses a wrong password with 28P01, for the superuser and for app_server', async () => {
    for (const base of [db().adminUrl, db().appUrl]) {
      const url = new URL(base);
      url.password = 'wrong-password';
      expect(await loginOutcome(url)).toBe('28P01');
      url.password = '';
      expect(await loginOutcome(url)).not.toBe('connected');
    }
    expect(await loginOutcome(new URL(db().adminUrl))).toBe('connected');
  });

  it('refuses an unknown role, and a role without a password, as a failed password', async () => {
    for (const user of ['nosuchuser', 'anon', 'authenticated']) {
      const url = new URL(db().adminUrl);
      url.username = user;
      expect(await loginOutcome(url), user).toBe('28P01');
    }
  });

  it('a bare app_server connection is anon: it sees no auth.users, no hashes, no tenant rows', async () => {
    const userId = await db().createUser();
    const owned = await db().admin.query(`select count(*)::int as n from public.workspaces`);
    expect(owned.rows[0].n).toBeGreaterThan(0);
    const app = await connect(db().appUrl);
    try {
      expect((await app.query(`select session_user::text as login, current_user::text as role`)).rows[0]).toEqual({
        login: 'app_server',
        role: 'anon',
      });
      expect(await outcome(app, `select encrypted_password from auth.users where id = '${userId}'`)).toBe('42501');
      expect(await outcome(app, `select rolpassword from pg_catalog.pg_authid`)).toBe('42501');
      for (const table of ['workspaces', 'workspace_members', 'business_profiles', 'invoices', 'nodes']) {
        expect(await outcome(app, `select * from public.${table}`), table).toEqual([]);
      }
    } finally {
      await app.end();
    }
  });

  it('app_server cannot become postgres: not by set role, not by session authorization', async () => {
    const app = await connect(db().appUrl);
    try {
      for (const sql of [
        'set role postgres',
        'set session authorization postgres',
        `select set_config('session_authorization', 'postgres', false)`,
      ]) {
        expect(await outcome(app, sql), sql).toBe('42501');
      }
      expect((await app.query(`select session_user::text as login, current_user::text as role`)).rows[0]).toEqual({
        login: 'app_server',
        role: 'anon',
      });
      expect(await outcome(app, `select count(*) from auth.users`)).toBe('42501');
    } finally {
      await app.end();
    }
  });

  it('each connection keeps its own role while others run in between', async () => {
    const first = await connect(db().appUrl);
    const second = await connect(db().appUrl);
    const admin = await connect(db().adminUrl);
    try {
      await first.query('set role authenticated');
      expect((await admin.query(`select current_user::text as role`)).rows[0].role).toBe('postgres');
      expect((await second.query(`select current_user::text as role`)).rows[0].role).toBe('anon');
      expect((await first.query(`select current_user::text as role`)).rows[0].role).toBe('authenticated');
      expect((await admin.query(`select count(*)::int as n from auth.users`)).rows[0].n).toBeGreaterThanOrEqual(0);
    } finally {
      await Promise.all([first.end(), second.end(), admin.end()]);
    }
  });

  it('RLS still holds inside withUserTransaction: the user sees their own workspace only', async () => {
    const a = await db().createUser();
    const b = await db().createUser();
    await db().admin.query(
      `update public.workspaces set name = 'Firma ' || (select user_id from public.workspace_members m where m.workspace_id = workspaces.id limit 1)
      where id in (select workspace_id from public.workspace_members where user_id in ($1, $2))`,
      [a, b],
    );
    const seen = await withUserTransaction(
      await claimsFor(db(), a),
      async (tx) => (await tx.query(`select name from public.workspaces`)).rows,
      { pool: getPool(db().appUrl) },
    );
    expect(seen).toEqual([{ name: `Firma ${a}` }]);
  });

  it('a user whose address reads like the refused statements still gets their data', async () => {
    const email = "discard.session_authorization-u&'x@example.test";
    const id = await db().createUser(email);
    const seen = await withUserTransaction(
      await claimsFor(db(), id, email),
      async (tx) => (await tx.query(`select count(*)::int as n from public.workspaces`)).rows[0].n,
      {
        pool: getPool(db().appUrl),
      },
    );
    expect(seen).toBe(1);
  });
});
