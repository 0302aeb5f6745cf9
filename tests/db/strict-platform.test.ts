// Issue 14: the stand-in hid what breaks on hosted Supabase because it was more permissive. The
// platform bootstrap now gives the roles hosted has: supabase_admin the only superuser, postgres
// (which applied the migrations and is the suites' admin pool) without SUPERUSER but with
// CREATEROLE and BYPASSRLS, Auth's and Storage's tables owned by their services with RLS on, and
// postgres allowed policies on storage.objects the way supautils' policy_grants allows, nothing
// more. PGlite's one session is a superuser, so the role checks are PostgreSQL 15's.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';

async function sqlState(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** Runs fn as the operator in a transaction that is always rolled back. */
async function tryAsOperator(admin: pg.Pool, fn: (c: pg.PoolClient) => Promise<unknown>): Promise<string> {
  const client = await admin.connect();
  try {
    await client.query('begin');
    return await sqlState(fn(client));
  } finally {
    await client.query('rollback');
    client.release();
  }
}

const AUTH_TABLES = [
  'users',
  'identities',
  'sessions',
  'refresh_tokens',
  'mfa_factors',
  'mfa_challenges',
  'one_time_tokens',
  'audit_log_entries',
  'flow_state',
];

describeEachDatabase('strict platform as hosted Supabase', (db, target) => {
  it('keeps RLS on every auth table, and keeps service_role and the API roles out of them', async () => {
    const { rows } = await db().admin.query<{ name: string; rls: boolean }>(
      `select relname::text as name, relrowsecurity as rls from pg_catalog.pg_class
       where relnamespace = 'auth'::regnamespace and relkind = 'r' and relname = any($1)`,
      [AUTH_TABLES],
    );
    expect(rows.map((r) => [r.name, r.rls]).sort()).toEqual(AUTH_TABLES.map((name) => [name, true]).sort());
    expect(await sqlState(db().asServiceRole((c) => c.query('select email from auth.users')))).toBe('42501');
    expect(await sqlState(db().asServiceRole((c) => c.query('select token from auth.refresh_tokens')))).toBe('42501');
    expect(await sqlState(db().asAnon((c) => c.query('select email from auth.users')))).toBe('42501');
  });

  it("gives auth's and storage's tables to their services, not to postgres", async () => {
    const { rows } = await db().admin.query<{ name: string; owner: string }>(
      `select c.oid::regclass::text as name, c.relowner::regrole::text as owner from pg_catalog.pg_class c
       where c.oid in ('auth.users'::regclass, 'auth.sessions'::regclass, 'storage.objects'::regclass, 'storage.buckets'::regclass)`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.name, r.owner]))).toEqual({
      'auth.users': 'supabase_auth_admin',
      'auth.sessions': 'supabase_auth_admin',
      'storage.objects': 'supabase_storage_admin',
      'storage.buckets': 'supabase_storage_admin',
    });
  });

  if (target !== 'pg15') return;

  describe('postgres, the role the migrations run as', () => {
    it('is no superuser, but has CREATEROLE, CREATEDB and BYPASSRLS; supabase_admin is the superuser', async () => {
      const { rows } = await db().admin.query(
        `select current_user::text as me, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,
           (select rolsuper from pg_catalog.pg_roles where rolname = 'supabase_admin') as admin_super,
           pg_catalog.pg_has_role('postgres', 'supabase_auth_admin', 'member') as auth_member,
           pg_catalog.pg_has_role('postgres', 'supabase_storage_admin', 'member') as storage_member
         from pg_catalog.pg_roles where rolname = current_user`,
      );
      expect(rows[0]).toEqual({
        me: 'postgres',
        rolsuper: false,
        rolcreaterole: true,
        rolcreatedb: true,
        rolbypassrls: true,
        admin_super: true,
        auth_member: false,
        storage_member: false,
      });
    });

    it('applied the migrations: it owns the tables, functions and the migration history', async () => {
      const { rows } = await db().admin.query(
        `select
           (select count(*)::int from pg_catalog.pg_class where relnamespace in ('public'::regnamespace, 'private'::regnamespace)
              and relkind in ('r', 'v') and relowner <> 'postgres'::regrole) as not_owned_tables,
           (select count(*)::int from pg_catalog.pg_proc where pronamespace in ('public'::regnamespace, 'private'::regnamespace)
              and proowner <> 'postgres'::regrole) as not_owned_functions,
           'supabase_migrations.schema_migrations'::regclass::oid in
             (select oid from pg_catalog.pg_class where relowner = 'postgres'::regrole) as owns_history`,
      );
      expect(rows[0]).toEqual({ not_owned_tables: 0, not_owned_functions: 0, owns_history: true });
    });

    it('may manage policies on storage.objects and auth.users, triggers on them, and session_replication_role, as supautils allows', async () => {
      expect(
        await tryAsOperator(db().admin, async (c) => {
          await c.query(`create policy strict_probe on storage.objects for select to authenticated using (false)`);
          await c.query(`alter policy strict_probe on storage.objects using (bucket_id = 'none')`);
          await c.query(`drop policy strict_probe on storage.objects`);
          await c.query(`create policy strict_probe on auth.users for select to authenticated using (id = (select auth.uid()))`);
          await c.query(`create trigger strict_probe after update on auth.users for each row execute function private.touch_updated_at()`);
          // privileged_role_allowed_configs: restoring data with the triggers off.
          await c.query(`set local session_replication_role = replica`);
        }),
      ).toBe('ok');
    });

    it('is lent storage.objects for the policy statement only: ownership and its own grants come back', async () => {
      const client = await db().admin.connect();
      try {
        await client.query('begin');
        await client.query(`create policy strict_probe on storage.objects for select to authenticated using (false)`);
        const { rows } = await client.query(
          `select relowner::regrole::text as owner,
             pg_catalog.has_table_privilege('postgres', 'storage.objects', 'select, insert, update, delete, trigger') as grants,
             (select count(*)::int from extensions.supautils_loans) as loans
           from pg_catalog.pg_class where oid = 'storage.objects'::regclass`,
        );
        expect(rows[0]).toEqual({ owner: 'supabase_storage_admin', grants: true, loans: 0 });
        expect(await sqlState(client.query(`alter table storage.objects disable row level security`))).toBe('42501');
      } finally {
        await client.query('rollback');
        client.release();
      }
    });

    it.each([
      ['drop table storage.objects', 'drop table storage.objects'],
      ['turn RLS off on auth.users', 'alter table auth.users disable row level security'],
      ['take storage.objects over', 'alter table storage.objects owner to postgres'],
      ['drop Storage’s delete protection', 'drop trigger protect_objects_delete on storage.objects'],
      ['create a table in auth', 'create table auth.mine (id int)'],
      ['create a table in storage', 'create table storage.mine (id int)'],
      ['make itself superuser', 'alter role postgres superuser'],
      ['become Storage', 'set role supabase_storage_admin'],
      ['become Auth', 'set role supabase_auth_admin'],
      ['become supabase_admin', 'set role supabase_admin'],
      ['policies on a table outside the grants', 'create policy strict_probe on auth.one_time_tokens for select using (true)'],
    ])('may not %s (42501 as on hosted)', async (_what, statement) => {
      expect(await tryAsOperator(db().admin, (c) => c.query(statement))).toBe('42501');
    });
  });
});
