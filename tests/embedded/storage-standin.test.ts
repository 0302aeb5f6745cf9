// The Storage API inside the whole stand-in, with users who signed up through the embedded Auth
// API: their access tokens are what storage.objects RLS policies see.
import type { SupabaseClient } from '@supabase/supabase-js';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpConfirmed, startTestStandIn, type TestStandIn } from '../support/stand-in';
import { BUCKETS_AND_POLICIES } from './storage-harness';
import { testClientOptions } from '../support/stand-in';

describe('Storage in the stand-in, with signed-up users', () => {
  let standIn: TestStandIn;

  beforeAll(async () => {
    standIn = await startTestStandIn();
    const admin = new pg.Client(standIn.dbUrl);
    await admin.connect();
    try {
      await admin.query(BUCKETS_AND_POLICIES);
    } finally {
      await admin.end();
    }
  });

  afterAll(async () => {
    await standIn?.stop();
  });

  async function signedUp(): Promise<{ id: string; client: SupabaseClient }> {
    const client = createClient(standIn.apiUrl, standIn.anonKey, testClientOptions);
    const email = `storage-${Math.random().toString(36).slice(2)}@example.test`;
    const password = 'a long enough password 123';
    const { user } = await signUpConfirmed(client, standIn.outbox, { email, password });
    return { id: user.id, client };
  }

  it('uploads, lists, signs, downloads and removes as the signed-in user; another user is refused', async () => {
    const alice = await signedUp();
    const bob = await signedUp();
    const docs = alice.client.storage.from('docs');
    const key = `${alice.id}/faktura-1.pdf`;

    expect((await docs.upload(key, new Blob(['%PDF-1.7'], { type: 'application/pdf' }))).error).toBeNull();
    expect(await (await docs.download(key)).data!.text()).toBe('%PDF-1.7');
    expect((await docs.list(alice.id)).data!.map((o) => o.name)).toEqual(['faktura-1.pdf']);
    const signed = await docs.createSignedUrl(key, 60);
    expect(await (await fetch(signed.data!.signedUrl)).text()).toBe('%PDF-1.7');

    const theirs = bob.client.storage.from('docs');
    expect((await theirs.download(key)).error).toMatchObject({ statusCode: '404' });
    expect((await theirs.list(alice.id)).data).toEqual([]);
    expect((await theirs.remove([key])).data).toEqual([]);
    expect((await theirs.upload(`${alice.id}/planted.pdf`, 'x')).error).toMatchObject({ statusCode: '403' });

    const anon = createClient(standIn.apiUrl, standIn.anonKey, testClientOptions).storage.from('docs');
    expect((await anon.download(key)).error).toMatchObject({ statusCode: '404' });

    expect((await docs.remove([key])).data!.map((o) => o.name)).toEqual([key]);
    expect((await docs.download(key)).error).toMatchObject({ statusCode: '404' });

    // A signed-out session's token no longer reaches anything it did not before; the anon key remains.
    await alice.client.auth.signOut();
    expect((await alice.client.storage.from('docs').list(alice.id)).data).toEqual([]);
  });
});
