// The embedded Postgres: PGlite persisted in the data folder, served on the Postgres wire
// protocol so every client (the app's pg pool, the Auth and Storage APIs, psql) connects the
// same way it would to a Supabase project's database: with a password, as the role it logs in as.
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { appServerRoleSql, bootstrapPlatform, platformAdditionsSql } from './platform/bootstrap';
import { DatabaseServer } from './wire/server';
import { quoteIdent, quoteLiteral } from './wire/session';

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

export const APP_ROLE_NAME = 'app_server';
const SUPERUSER = 'postgres';

/** The passwords of the superuser and the app server's role. */
export interface DatabaseCredentials {
  superuserPassword: string;
  appPassword: string;
}

const credentialsSchema = z.object({ superuserPassword: z.string().min(20), appPassword: z.string().min(20) });

export function generateCredentials(): DatabaseCredentials {
  const secret = () => randomBytes(24).toString('base64url');
  return { superuserPassword: secret(), appPassword: secret() };
}

/** Generated on the first start and kept, readable by the developer only, in the data folder. */
function loadOrCreateCredentials(dataDir: string): DatabaseCredentials {
  const file = path.join(dataDir, 'database-credentials.json');
  if (existsSync(file)) return credentialsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const credentials = generateCredentials();
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

/**
 * Sets the roles' passwords (stored as SCRAM verifiers, PGlite's password_encryption) and serves
 * db on host:port behind the authenticating front door.
 */
export async function serveDatabase(
  db: PGlite,
  opts: { port: number; host?: string; credentials: DatabaseCredentials; maxConnections?: number },
) {
  const { credentials } = opts;
  await db.exec(`alter role ${quoteIdent(SUPERUSER)} with password ${quoteLiteral(credentials.superuserPassword)};`);
  await db.exec(appServerRoleSql(APP_ROLE_NAME, credentials.appPassword));
  const host = opts.host ?? '127.0.0.1';
  const server = new DatabaseServer(db, { host, port: opts.port, maxConnections: opts.maxConnections ?? 500 });
  const port = await server.start();
  const url = (user: string, password: string) => `postgresql://${user}:${encodeURIComponent(password)}@${host}:${port}/postgres`;
  return {
    adminUrl: url(SUPERUSER, credentials.superuserPassword),
    appUrl: url(APP_ROLE_NAME, credentials.appPassword),
    port,
    stop: () => server.stop(),
  };
}

export async function startEmbeddedDatabase(opts: { dataDir: string; port: number; host?: string }): Promise<EmbeddedDatabase> {
  const dir = path.join(opts.dataDir, 'pglite');
  const created = !existsSync(path.join(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  const credentials = loadOrCreateCredentials(opts.dataDir);
  const db = await PGlite.create(dir, { extensions: { pgcrypto } });
  if (created) await bootstrapPlatform(db, { name: APP_ROLE_NAME, password: credentials.appPassword });
  else await db.exec(platformAdditionsSql());
  const served = await serveDatabase(db, { port: opts.port, host: opts.host, credentials });
  return {
    ...served,
    created,
    async stop() {
      await served.stop();
      await db.close();
    },
  };
}
