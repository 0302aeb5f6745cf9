// A Storage-only stand-in for the Storage API tests: the embedded database, the gateway with just
// /storage/v1, and user access tokens minted with the stand-in's signing keys (what the Auth API
// issues after a sign-in). Also the test bucket and storage.objects policies, made as superuser.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startApiServer } from '../../embedded/api-server';
import { startEmbeddedDatabase } from '../../embedded/database';
import { ephemeralKeys, JWT_ISSUER_PATH, type SigningKeys } from '../../embedded/keys';
import { createStorageApi } from '../../embedded/storage';

// Own copy: tests/support/stand-in.ts imports the whole stand-in, Auth API included.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// supabase-js builds its Realtime client eagerly and Node 20 has no WebSocket; these tests never
// open one, so a constructor that refuses is enough.
export class NoWebSocket {
  constructor() {
    throw new Error('Realtime is not used in these tests');
  }
}

export const clientOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: { transport: NoWebSocket as never },
};

export interface StorageHarness {
  apiUrl: string;
  storageUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  keys: SigningKeys;
  filesDir: string;
  admin: pg.Client;
  anon(): SupabaseClient;
  /** A client signed in as a new user; returns the user id too. */
  user(): Promise<{ id: string; token: string; client: SupabaseClient }>;
  stop(): Promise<void>;
}

export const BUCKETS_AND_POLICIES = `
  insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
    ('docs', 'docs', false, 1048576, null),
    ('images', 'images', false, null, '{image/*,application/pdf}'),
    ('open', 'open', true, null, null);

  create policy test_objects_select on storage.objects for select to authenticated
    using (bucket_id in ('docs', 'images') and (storage.foldername(name))[1] = (select auth.uid())::text);
  create policy test_objects_insert on storage.objects for insert to authenticated
    with check (bucket_id in ('docs', 'images') and (storage.foldername(name))[1] = (select auth.uid())::text);
  create policy test_objects_update on storage.objects for update to authenticated
    using (bucket_id in ('docs', 'images') and (storage.foldername(name))[1] = (select auth.uid())::text)
    with check (bucket_id in ('docs', 'images') and (storage.foldername(name))[1] = (select auth.uid())::text);
  create policy test_objects_delete on storage.objects for delete to authenticated
    using (bucket_id in ('docs', 'images') and (storage.foldername(name))[1] = (select auth.uid())::text);
`;

export async function startStorageHarness(opts: { maxUploadBytes?: number } = {}): Promise<StorageHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'konsult-storage-'));
  const database = await startEmbeddedDatabase({ dataDir, port: await freePort() });
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const keys = await ephemeralKeys(`${apiUrl}${JWT_ISSUER_PATH}`);
  const pool = new pg.Pool({ connectionString: database.adminUrl, max: 10 });
  const filesDir = path.join(dataDir, 'storage');
  const api = await startApiServer({
    port: apiPort,
    services: { '/storage/v1': createStorageApi({ pool, keys, filesDir, apiUrl, maxUploadBytes: opts.maxUploadBytes }) },
  });
  const admin = new pg.Client(database.adminUrl);
  await admin.connect();
  await admin.query(BUCKETS_AND_POLICIES);

  const clientWith = (token?: string) =>
    createClient(apiUrl, keys.anonKey, {
      ...clientOptions,
      global: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
    });

  return {
    apiUrl,
    storageUrl: `${apiUrl}/storage/v1`,
    anonKey: keys.anonKey,
    serviceRoleKey: keys.serviceRoleKey,
    keys,
    filesDir,
    admin,
    anon: () => clientWith(),
    async user() {
      const id = randomUUID();
      const token = await keys.sign({ sub: id, role: 'authenticated', aud: 'authenticated', email: `${id}@example.test` }, 3600);
      return { id, token, client: clientWith(token) };
    },
    async stop() {
      await admin.end();
      await api.stop();
      await pool.end();
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
