// Creates what a Supabase project has before its migrations run (roles, auth, storage, grants),
// on the embedded PGlite and on the PostgreSQL 15 test cluster. Never run against hosted Supabase.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const platformDir = path.dirname(fileURLToPath(import.meta.url));

export interface SqlRunner {
  exec(sql: string): Promise<unknown>;
}

export function platformSql(): string {
  return readdirSync(platformDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => readFileSync(path.join(platformDir, f), 'utf8'))
    .join('\n');
}

/**
 * The login role the Next.js server connects as: NOINHERIT, may become anon or authenticated, anon
 * by default. Runs as a superuser (the stand-in, the test clusters) and as hosted Supabase's
 * `postgres`, which only has CREATEROLE: PostgreSQL refuses a non-superuser any mention of
 * SUPERUSER, REPLICATION or BYPASSRLS, even to switch them off, so those are touched only when the
 * role has one of them, and then only a superuser can (a CREATEROLE runner is told so).
 */
export function appServerRoleSql(role: string, password: string): string {
  const ident = `"${role.replaceAll('"', '""')}"`;
  const name = `'${role.replaceAll("'", "''")}'`;
  const literal = `'${password.replaceAll("'", "''")}'`;
  return `
do $$
declare
  existing pg_catalog.pg_roles%rowtype;
begin
  select * into existing from pg_catalog.pg_roles where rolname = ${name};
  if not found then
    create role ${ident} login noinherit nosuperuser nocreatedb nocreaterole noreplication nobypassrls;
  elsif existing.rolsuper or existing.rolreplication or existing.rolbypassrls then
    if not (select rolsuper from pg_catalog.pg_roles where rolname = current_user) then
      raise exception 'role % is superuser, replication or bypassrls; only a superuser can take that away', ${name}
        using errcode = '42501';
    end if;
    alter role ${ident} nosuperuser noreplication nobypassrls;
  end if;
end
$$;
alter role ${ident} with login noinherit nocreatedb nocreaterole password ${literal};
grant anon, authenticated to ${ident};
alter role ${ident} set role = 'anon';
`;
}

/** Platform files added after data folders already existed: idempotent, run on every start of an older folder. */
const LATER_ADDITIONS = ['03_auth_flow_state.sql', '03_auth_mfa.sql'];

export function platformAdditionsSql(): string {
  return LATER_ADDITIONS.map((f) => readFileSync(path.join(platformDir, f), 'utf8')).join('\n');
}

export async function bootstrapPlatform(db: SqlRunner, appRole: { name: string; password: string }) {
  await db.exec(platformSql());
  await db.exec(appServerRoleSql(appRole.name, appRole.password));
}
