// PGlite target: the migrated template is a data-dir dump that each test file loads into a new
// in-memory PGlite, served behind the embedded database's own authenticating front door (fresh
// passwords per copy), so tests use `pg` exactly as the app does and each role is itself.
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { APP_ROLE_NAME, generateCredentials, serveDatabase } from '../../embedded/database';
import { bootstrapPlatform } from '../../embedded/platform/bootstrap';
import { applyMigrations, readMigrations } from '../../lib/migrations/apply';
import { migrationsDir, testDataDir } from './paths';

export async function preparePgliteTemplate(): Promise<string> {
  const db = await PGlite.create({ extensions: { pgcrypto } });
  const credentials = generateCredentials();
  await bootstrapPlatform(db, { name: APP_ROLE_NAME, password: credentials.appPassword });
  const served = await serveDatabase(db, { port: 0, credentials });
  const client = new pg.Client(served.adminUrl);
  await client.connect();
  try {
    await applyMigrations(client, readMigrations(migrationsDir));
  } finally {
    await client.end();
    await served.stop();
  }
  const dump = await db.dumpDataDir('none');
  await db.close();
  mkdirSync(testDataDir, { recursive: true });
  const file = path.join(testDataDir, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

export async function startPgliteCopy(templateFile: string) {
  const db = await PGlite.create({
    loadDataDir: new Blob([readFileSync(templateFile)]),
    extensions: { pgcrypto },
  });
  const served = await serveDatabase(db, { port: 0, credentials: generateCredentials(), maxConnections: 200 });
  return {
    adminUrl: served.adminUrl,
    superuserUrl: served.adminUrl,
    appUrl: served.appUrl,
    async stop() {
      await served.stop();
      await db.close();
    },
  };
}
