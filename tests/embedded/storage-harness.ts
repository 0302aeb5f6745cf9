// The Storage API tests' stand-in: the whole embedded stand-in (database, Auth and Storage APIs),
// users who sign up through the Auth API, and the test buckets and storage.objects policies,
// created as superuser (the project's migrations own the real ones).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { JWT_ISSUER_PATH, loadOrCreateKeys, type SigningKeys } from '../../embedded/keys';
import { signUpConfirmed, startTestStandIn, testClientOptions } from '../support/stand-in';

export interface StorageHarness {
  apiUrl: string;
  storageUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  keys: SigningKeys;
  filesDir: string;
  admin: pg.Client;
  anon(): SupabaseClient;
  /** A client signed in as a new user, with the user's id and access token. */
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

export async function startStorageHarness(): Promise<StorageHarness> {
  const standIn = await startTestStandIn();
  // The stand-in keeps its signing keys in the data folder: loading them lets tests forge
  // expired or foreign tokens signed exactly as the stand-in signs.
  const keys = await loadOrCreateKeys(standIn.dataDir, `${standIn.apiUrl}${JWT_ISSUER_PATH}`);
  const admin = new pg.Client(standIn.dbUrl);
  await admin.connect();
  await admin.query(BUCKETS_AND_POLICIES);
  const newClient = () => createClient(standIn.apiUrl, standIn.anonKey, testClientOptions);

  return {
    apiUrl: standIn.apiUrl,
    storageUrl: `${standIn.apiUrl}/storage/v1`,
    anonKey: standIn.anonKey,
    serviceRoleKey: standIn.serviceRoleKey,
    keys,
    filesDir: path.join(standIn.dataDir, 'storage'),
    admin,
    anon: newClient,
    async user() {
      // A real sign-up through the embedded Auth API (confirmations are off locally).
      const client = newClient();
      const { user, session } = await signUpConfirmed(client, standIn.outbox, {
        email: `storage-${randomUUID()}@example.test`,
        password: 'a long enough password 123',
      });
      return { id: user.id, token: session.access_token, client };
    },
    async stop() {
      await admin.end();
      await standIn.stop();
    },
  };
}
