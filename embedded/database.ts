// The embedded Postgres: PGlite persisted in the data folder, served on the Postgres wire
// protocol so every client (the app's pg pool, the Auth and Storage APIs, psql) connects the
// same way it would to a Supabase project's database.
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { bootstrapPlatform } from './platform/bootstrap';

export interface EmbeddedDatabase {
  /** Superuser URL (what `supabase status` calls DB URL). */
  adminUrl: string;
  /** The app server's login role URL. */
  appUrl: string;
  port: number;
  /** True when this start created the database (the caller seeds it then). */
  created: boolean;
  stop(): Promise<void>;
}

export const APP_ROLE = { name: 'app_server', password: 'app_server' } as const;

export async function startEmbeddedDatabase(opts: { dataDir: string; port: number; host?: string }): Promise<EmbeddedDatabase> {
  const dir = path.join(opts.dataDir, 'pglite');
  const created = !existsSync(path.join(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir, { extensions: { pgcrypto } });
  if (created) await bootstrapPlatform(db, APP_ROLE);

  // PGlite has one backend: the socket server queues statements and keeps an open transaction
  // exclusive to its connection, so transactions stay isolated but serialised.
  const server = new PGLiteSocketServer({ db, port: opts.port, host: opts.host ?? '127.0.0.1', maxConnections: 500 });
  await server.start();
  const port = Number(server.getServerConn().split(':').at(-1));
  const host = opts.host ?? '127.0.0.1';
  return {
    adminUrl: `postgresql://postgres:postgres@${host}:${port}/postgres`,
    appUrl: `postgresql://${APP_ROLE.name}:${APP_ROLE.password}@${host}:${port}/postgres`,
    port,
    created,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
