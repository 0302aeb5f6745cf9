// `npm run db:migrate`: applies supabase/migrations to ADMIN_DATABASE_URL (a hosted project's
// postgres connection string, or any PostgreSQL), else to the embedded database: through the
// running stand-in, or by opening its data folder when it is stopped.
import pg from 'pg';
import path from 'node:path';
import { startEmbeddedDatabase } from '../embedded/database';
import { local, readStatus } from '../embedded/local';
import { applyMigrations, readMigrations } from '../lib/migrations/apply';

async function migrate(url: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const result = await applyMigrations(client, readMigrations(path.join(local.supabaseDir, 'migrations')));
    console.log(
      `Applied ${result.applied.length} migration(s)${result.applied.length ? `: ${result.applied.join(', ')}` : ''}; ${result.alreadyApplied.length} already applied.`,
    );
  } finally {
    await client.end();
  }
}

try {
  const target = process.env.ADMIN_DATABASE_URL ?? readStatus()?.dbUrl;
  if (target) {
    await migrate(target);
  } else {
    const database = await startEmbeddedDatabase({ dataDir: local.dataDir, port: 0 });
    try {
      await migrate(database.adminUrl);
    } finally {
      await database.stop();
    }
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
