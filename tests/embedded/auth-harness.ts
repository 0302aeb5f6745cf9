// Shared setup for the Auth API tests: a whole stand-in (startTestStandIn), a superuser pg client
// on its database to inspect and age rows, raw HTTP for what supabase-js never sends, and a second
// gateway on the same database for options the stand-in does not expose (small rate limits).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { startApiServer } from '../../embedded/api-server';
import { createAuthApi, type AuthApiOptions } from '../../embedded/auth';
import { JWT_ISSUER_PATH, loadOrCreateKeys } from '../../embedded/keys';
import { freePort } from '../support/ports';
import { signUpConfirmed, startTestStandIn, testClientOptions, type TestStandIn } from '../support/stand-in';

export function clientFor(url: string, key: string): SupabaseClient {
  return createClient(url, key, testClientOptions);
}

export interface AuthHarness {
  standIn: TestStandIn;
  apiUrl: string;
  anonKey: string;
  db: pg.Client;
  /** The app server's pool (app_server login), for withUserTransaction with a user's real claims. */
  appPool: pg.Pool;
  client(): SupabaseClient;
  /** A new user signed up, confirmed through the outbox and signed in on its own client. */
  user(password?: string): Promise<{ email: string; password: string; id: string; client: SupabaseClient }>;
  /** A raw request to /auth/v1 with the anon key, unless headers say otherwise. */
  raw(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${process.pid}-${++counter}-${Date.now()}@example.test`;

export async function startAuthHarness(): Promise<AuthHarness> {
  const standIn = await startTestStandIn();
  const db = new pg.Client(standIn.dbUrl);
  await db.connect();
  const appPool = new pg.Pool({ connectionString: standIn.appDbUrl, max: 2 });
  const client = () => clientFor(standIn.apiUrl, standIn.anonKey);
  return {
    standIn,
    apiUrl: standIn.apiUrl,
    anonKey: standIn.anonKey,
    db,
    appPool,
    client,
    async user(password = 'hemligt-lösen-1') {
      const email = uniqueEmail();
      const c = client();
      const { user } = await signUpConfirmed(c, standIn.outbox, { email, password });
      return { email, password, id: user.id, client: c };
    },
    raw(path, init = {}) {
      return fetch(`${standIn.apiUrl}/auth/v1${path}`, {
        ...init,
        headers: { apikey: standIn.anonKey, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
      });
    },
    async stop() {
      await appPool.end();
      await db.end();
      await standIn.stop();
    },
  };
}

/** A second gateway serving only /auth/v1 on the stand-in's database, with its own options. */
export async function startExtraAuthGateway(h: AuthHarness, options: Partial<AuthApiOptions>) {
  const pool = new pg.Pool({ connectionString: h.standIn.dbUrl, max: 4 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const keys = await loadOrCreateKeys(h.standIn.dataDir, `${url}${JWT_ISSUER_PATH}`);
  const api = await startApiServer({
    port,
    services: {
      '/auth/v1': createAuthApi({ pool, keys, outbox: h.standIn.outbox, apiUrl: url, siteUrl: 'http://localhost:3000', ...options }),
    },
  });
  return {
    url,
    anonKey: keys.anonKey,
    client: () => clientFor(url, keys.anonKey),
    async stop() {
      await api.stop();
      await pool.end();
    },
  };
}
