// PGlite target: the migrated template is a data-dir dump that each test file loads into a new
// in-memory PGlite, served on a socket so tests use `pg` exactly as the app does.
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { APP_ROLE } from '../../embedded/database';
import { bootstrapPlatform } from '../../embedded/platform/bootstrap';
import { applyMigrations, readMigrations } from '../../lib/migrations/apply';
import { migrationsDir, testDataDir } from './paths';

export async function preparePgliteTemplate(): Promise<string> {
  const db = await PGlite.create({ extensions: { pgcrypto } });
  await bootstrapPlatform(db, APP_ROLE);
  const server = new PGLiteSocketServer({ db, port: 0 });
  await server.start();
  const client = new pg.Client(`postgresql://postgres@${server.getServerConn()}/postgres`);
  await client.connect();
  try {
    await applyMigrations(client, readMigrations(migrationsDir));
  } finally {
    await client.end();
    await server.stop();
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
  const server = new PGLiteSocketServer({ db, port: 0, maxConnections: 200 });
  await server.start();
  const conn = server.getServerConn();
  return {
    adminUrl: `postgresql://postgres:postgres@${conn}/postgres`,
    appUrl: `postgresql://${APP_ROLE.name}:${APP_ROLE.password}@${conn}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
