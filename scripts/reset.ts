// `npm run db:reset`: throws away the embedded data (database, files, keys, outbox) and creates it
// again with migrations and seed, like `supabase db reset`.
import { rmSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '../embedded/database';
import { local, readStatus } from '../embedded/local';
import { applyMigrations, readMigrations } from '../lib/migrations/apply';

if (readStatus()) {
  console.error('The stand-in is running. Stop `npm run dev` first, then reset.');
  process.exit(1);
}
rmSync(local.dataDir, { recursive: true, force: true });
const database = await startEmbeddedDatabase({ dataDir: local.dataDir, port: 0 });
const client = new pg.Client(database.adminUrl);
await client.connect();
try {
  const result = await applyMigrations(client, readMigrations(path.join(local.supabaseDir, 'migrations')));
  await client.query(readFileSync(path.join(local.supabaseDir, 'seed.sql'), 'utf8'));
  console.log(`Reset ${local.dataDir}: ${result.applied.length} migration(s) applied, seed loaded.`);
} finally {
  await client.end();
  await database.stop();
}
