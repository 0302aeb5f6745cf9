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

/** The login role the Next.js server connects as: NOINHERIT, may become anon or authenticated, anon by default. */
export function appServerRoleSql(role: string, password: string): string {
  const ident = `"${role.replaceAll('"', '""')}"`;
  const literal = `'${password.replaceAll("'", "''")}'`;
  return `
do $$
begin
  if not exists (select 1 from pg_roles where rolname = ${`'${role.replaceAll("'", "''")}'`}) then
    create role ${ident} login noinherit;
  end if;
end
$$;
alter role ${ident} with login noinherit nosuperuser nocreatedb nocreaterole nobypassrls password ${literal};
grant anon, authenticated to ${ident};
alter role ${ident} set role = 'anon';
`;
}

export async function bootstrapPlatform(db: SqlRunner, appRole: { name: string; password: string }) {
  await db.exec(platformSql());
  await db.exec(appServerRoleSql(appRole.name, appRole.password));
}
