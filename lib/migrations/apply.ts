// Applies supabase/migrations/*.sql in order, each in its own transaction, and records them in
// supabase_migrations.schema_migrations the way the Supabase CLI does, so both tools agree on
// what is applied. Refuses to continue when an applied file has changed since.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientBase } from 'pg';

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export function readMigrations(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) {
        throw new Error(`Migration file ${file} must be named YYYYMMDDHHMMSS_what_it_does.sql`);
      }
      return { version: match[1], name: match[2], file, sql: readFileSync(path.join(dir, file), 'utf8') };
    });
}

export class ChangedMigrationError extends Error {
  constructor(readonly file: string) {
    super(
      `Migration ${file} has changed since it was applied. Applied migrations are never edited: ` +
        `restore the file and add a new migration with the change.`,
    );
    this.name = 'ChangedMigrationError';
  }
}

// The Supabase CLI stores a file split into statements; we store it whole. Comparing without
// whitespace and statement separators lets either tool's record be checked against the file.
function normalise(sql: string): string {
  return sql.replace(/[\s;]+/g, '');
}

export interface ApplyResult {
  applied: string[];
  alreadyApplied: string[];
}

export async function applyMigrations(client: ClientBase, migrations: MigrationFile[]): Promise<ApplyResult> {
  await client.query(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key,
      statements text[],
      name text
    );
  `);
  const { rows } = await client.query<{ version: string; statements: string[] | null }>(
    'select version, statements from supabase_migrations.schema_migrations',
  );
  const recorded = new Map(rows.map((r) => [r.version, r.statements]));

  // Check every applied file before applying anything, so a changed file stops the whole run.
  for (const m of migrations) {
    const statements = recorded.get(m.version);
    if (statements && normalise(statements.join('')) !== normalise(m.sql)) throw new ChangedMigrationError(m.file);
  }

  const result: ApplyResult = { applied: [], alreadyApplied: [] };
  for (const m of migrations) {
    if (recorded.has(m.version)) {
      result.alreadyApplied.push(m.file);
      continue;
    }
    await client.query('begin');
    try {
      await client.query(m.sql);
      await client.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)', [
        m.version,
        m.name,
        [m.sql],
      ]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw new Error(`Migration ${m.file} failed and was rolled back: ${(error as Error).message}`, { cause: error });
    }
    result.applied.push(m.file);
  }
  return result;
}
