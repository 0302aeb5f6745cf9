// The rules of Supabase's database linter (Security Advisor), checked from the catalog so a
// migration that breaks one fails the suite.
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';

const EXPOSED = `('public', 'storage')`;

describeEachDatabase('security advisor rules', (db) => {
  const rows = async (sql: string) => (await db().admin.query(sql)).rows;

  it('no security-definer function in an exposed schema is executable by anon or authenticated', async () => {
    expect(
      await rows(`
      select p.oid::regprocedure::text as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ${EXPOSED} and p.prosecdef
         and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))`),
    ).toEqual([]);
  });

  it('every function of the project has a pinned search_path', async () => {
    expect(
      await rows(`
      select p.oid::regprocedure::text as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'private')
         and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')`),
    ).toEqual([]);
  });

  it('no function in private is executable by PUBLIC, and the retention path by no API role', async () => {
    expect(
      await rows(`
      select p.oid::regprocedure::text as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'private' and exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                                               where a.grantee = 0 and a.privilege_type = 'EXECUTE')`),
    ).toEqual([]);
    const retention = await rows(`select has_function_privilege(r, 'private.anonymise_audit_log(timestamptz)', 'execute') as can
                                    from unnest(array['anon', 'authenticated', 'service_role']) r`);
    expect(retention.map((r) => r.can)).toEqual([false, false, false]);
  });

  it('every foreign key in the project schemas is covered by an index', async () => {
    expect(
      await rows(`
      select c.conrelid::regclass::text as tbl, c.conname from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where c.contype = 'f' and n.nspname in ('public', 'storage', 'private')
         and not exists (select 1 from pg_index i where i.indrelid = c.conrelid
                           and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
                           and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)`),
    ).toEqual([]);
  });

  it('every table has a primary key, and RLS on in exposed schemas', async () => {
    expect(
      await rows(`
      select c.oid::regclass::text as tbl from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p') and n.nspname in ('public', 'storage', 'private')
         and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')`),
    ).toEqual([]);
    expect(
      await rows(`
      select c.oid::regclass::text as tbl from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p') and n.nspname in ${EXPOSED} and not c.relrowsecurity`),
    ).toEqual([]);
  });

  it('no policy on a table with RLS off, no using (true) on writes, no user_metadata, policies to authenticated with <table>_<op> names', async () => {
    expect(
      await rows(`
      select p.schemaname, p.tablename, p.policyname from pg_policies p join pg_class c on c.oid = (quote_ident(p.schemaname) || '.' || quote_ident(p.tablename))::regclass
       where not c.relrowsecurity`),
    ).toEqual([]);
    expect(
      await rows(`
      select policyname from pg_policies
       where cmd <> 'SELECT' and (coalesce(qual, '') ~ '^\\(?true\\)?$' or coalesce(with_check, '') ~ '^\\(?true\\)?$')`),
    ).toEqual([]);
    expect(
      await rows(`
      select policyname from pg_policies where coalesce(qual, '') || coalesce(with_check, '') ~ 'user_metadata'`),
    ).toEqual([]);
    expect(
      await rows(`
      select schemaname, tablename, policyname, roles from pg_policies
       where schemaname in ${EXPOSED}
         and (roles <> '{authenticated}' or policyname <> tablename || '_' || lower(cmd))`),
    ).toEqual([]);
  });

  it('policies call auth.uid() only wrapped in a select, so it runs once per statement', async () => {
    expect(
      await rows(`
      select policyname from pg_policies
       where regexp_replace(coalesce(qual, '') || coalesce(with_check, ''), '\\(\\s*select\\s+auth\\.uid\\(\\)', '', 'gi') ~ 'auth\\.uid\\(\\)'`),
    ).toEqual([]);
  });

  it('no security-definer views: every view in an exposed schema is security_invoker', async () => {
    expect(
      await rows(`
      select c.oid::regclass::text as view from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('v', 'm') and n.nspname in ${EXPOSED}
         and not coalesce('security_invoker=true' = any (c.reloptions) or 'security_invoker=on' = any (c.reloptions), false)`),
    ).toEqual([]);
  });

  it('every table and every column the schema does not make obvious is commented', async () => {
    expect(
      await rows(`
      select c.oid::regclass::text as tbl from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p') and n.nspname in ('public', 'private') and obj_description(c.oid, 'pg_class') is null`),
    ).toEqual([]);
  });
});
