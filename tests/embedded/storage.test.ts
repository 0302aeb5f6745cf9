// Storage API conformance through the real supabase-js client: what the app does with files
// (upload, upsert, download, list, signed URLs, remove) and what RLS must refuse.
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStorageHarness, type StorageHarness } from './storage-harness';
import { testClientOptions } from '../support/stand-in';

let h: StorageHarness;

beforeAll(async () => {
  h = await startStorageHarness();
});

afterAll(async () => {
  await h?.stop();
});

const bytes = (text: string) => new TextEncoder().encode(text);
const blobText = async (blob: Blob | null) => (blob ? Buffer.from(await blob.arrayBuffer()).toString('utf8') : null);

function versionFiles(bucket: string): string[] {
  const dir = path.join(h.filesDir, bucket);
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('own files', () => {
  it('uploads (multipart Blob and raw bytes), downloads the same bytes, stores Supabase-shaped metadata', async () => {
    const alice = await h.user();
    const key = `${alice.id}/notes/hello.txt`;
    const up = await alice.client.storage.from('docs').upload(key, new Blob(['hej världen'], { type: 'text/plain' }));
    expect(up.error).toBeNull();
    expect(up.data).toMatchObject({ path: key, fullPath: `docs/${key}` });
    expect(up.data?.id).toMatch(/^[0-9a-f-]{36}$/);

    const down = await alice.client.storage.from('docs').download(key);
    expect(down.error).toBeNull();
    expect(await blobText(down.data)).toBe('hej världen');
    expect(down.data?.type).toBe('text/plain');

    const raw = await alice.client.storage.from('docs').upload(`${alice.id}/raw.bin`, Buffer.from([0, 1, 2, 255]), {
      contentType: 'application/octet-stream',
      cacheControl: '60',
    });
    expect(raw.error).toBeNull();
    const rawDown = await alice.client.storage.from('docs').download(`${alice.id}/raw.bin`);
    expect([...new Uint8Array(await rawDown.data!.arrayBuffer())]).toEqual([0, 1, 2, 255]);

    const { rows } = await h.admin.query(`select owner, owner_id, metadata from storage.objects where name = $1`, [key]);
    expect(rows[0].owner).toBe(alice.id);
    expect(rows[0].owner_id).toBe(alice.id);
    expect(rows[0].metadata).toMatchObject({
      size: Buffer.byteLength('hej världen'),
      contentLength: Buffer.byteLength('hej världen'),
      mimetype: 'text/plain',
      cacheControl: 'max-age=3600',
      httpStatusCode: 200,
    });
    expect(rows[0].metadata.eTag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(new Date(rows[0].metadata.lastModified).getTime()).not.toBeNaN();

    const info = await alice.client.storage.from('docs').info(key);
    expect(info.error).toBeNull();
    expect(info.data).toMatchObject({ name: key, bucketId: 'docs', size: Buffer.byteLength('hej världen'), contentType: 'text/plain' });
    expect((await alice.client.storage.from('docs').exists(key)).data).toBe(true);
    expect((await alice.client.storage.from('docs').exists(`${alice.id}/nope.txt`)).data).toBe(false);
  });

  it('refuses a second upload to the same path, replaces it with upsert or update, and keeps one file per object', async () => {
    const alice = await h.user();
    const key = `${alice.id}/cv.txt`;
    const docs = alice.client.storage.from('docs');
    expect((await docs.upload(key, bytes('v1'), { contentType: 'text/plain' })).error).toBeNull();
    const filesBefore = versionFiles('docs').length;

    const again = await docs.upload(key, bytes('v2'), { contentType: 'text/plain' });
    expect(again.error).toMatchObject({ statusCode: '409', message: 'The resource already exists' });

    const upsert = await docs.upload(key, bytes('v2'), { contentType: 'text/plain', upsert: true });
    expect(upsert.error).toBeNull();
    expect(await blobText((await docs.download(key)).data)).toBe('v2');

    const update = await docs.update(key, bytes('v3'), { contentType: 'text/markdown' });
    expect(update.error).toBeNull();
    const down = await docs.download(key);
    expect(await blobText(down.data)).toBe('v3');
    expect(down.data?.type).toBe('text/markdown');
    // Replaced versions are deleted from disk once the new row committed.
    expect(versionFiles('docs').length).toBe(filesBefore);

    const missing = await docs.update(`${alice.id}/never-uploaded.txt`, bytes('x'));
    expect(missing.error).toMatchObject({ statusCode: '404', message: 'Object not found' });
  });

  it('lists a folder: subfolders first, then files, with search, limit, offset and sortBy', async () => {
    const alice = await h.user();
    const docs = alice.client.storage.from('docs');
    for (const name of ['b.txt', 'a.txt', 'c.pdf', 'sub/inner.txt', 'sub/deeper/x.txt', 'other/y.txt']) {
      expect((await docs.upload(`${alice.id}/${name}`, bytes(name), { contentType: 'text/plain' })).error).toBeNull();
    }
    const all = await docs.list(alice.id);
    expect(all.error).toBeNull();
    expect(all.data!.map((e) => e.name)).toEqual(['other', 'sub', 'a.txt', 'b.txt', 'c.pdf']);
    const folder = all.data!.find((e) => e.name === 'sub')!;
    expect(folder.id).toBeNull();
    const file = all.data!.find((e) => e.name === 'a.txt')!;
    expect(file.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(file.metadata).toMatchObject({ size: Buffer.byteLength('a.txt'), mimetype: 'text/plain' });

    expect((await docs.list(`${alice.id}/`)).data!.map((e) => e.name)).toEqual(['other', 'sub', 'a.txt', 'b.txt', 'c.pdf']);
    expect((await docs.list(`${alice.id}/sub`)).data!.map((e) => e.name)).toEqual(['deeper', 'inner.txt']);
    expect((await docs.list(alice.id, { search: 'c' })).data!.map((e) => e.name)).toEqual(['c.pdf']);
    expect((await docs.list(alice.id, { limit: 2, offset: 2 })).data!.map((e) => e.name)).toEqual(['a.txt', 'b.txt']);
    expect((await docs.list(alice.id, { sortBy: { column: 'name', order: 'desc' } })).data!.map((e) => e.name)).toEqual([
      'sub',
      'other',
      'c.pdf',
      'b.txt',
      'a.txt',
    ]);
    expect((await docs.list(alice.id, { sortBy: { column: 'created_at', order: 'asc' } })).data!.slice(2).map((e) => e.name)).toEqual([
      'b.txt',
      'a.txt',
      'c.pdf',
    ]);
    // A `%` or `_` in the prefix is literal, not a LIKE wildcard.
    expect((await docs.list(`${alice.id}/s_b`)).data).toEqual([]);
  });

  it('creates signed URLs that serve the bytes without a user token, and refuses tampered, expired or foreign tokens', async () => {
    const alice = await h.user();
    const key = `${alice.id}/faktura 1.pdf`;
    const docs = alice.client.storage.from('docs');
    expect((await docs.upload(key, bytes('%PDF-1.7 fake'), { contentType: 'application/pdf' })).error).toBeNull();

    const signed = await docs.createSignedUrl(key, 60);
    expect(signed.error).toBeNull();
    const url = signed.data!.signedUrl;
    expect(url.startsWith(`${h.storageUrl}/object/sign/docs/`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(await res.text()).toBe('%PDF-1.7 fake');

    const withName = await docs.createSignedUrl(key, 60, { download: 'Faktura 1.pdf' });
    const named = await fetch(withName.data!.signedUrl);
    expect(named.headers.get('content-disposition')).toBe(`attachment; filename=Faktura%201.pdf; filename*=UTF-8''Faktura%201.pdf;`);
    const plain = await fetch((await docs.createSignedUrl(key, 60, { download: true })).data!.signedUrl);
    expect(plain.headers.get('content-disposition')).toBe('attachment;');

    const token = new URL(url).searchParams.get('token')!;
    const [head, payload, sig] = token.split('.');
    const flipped = sig[5] === 'A' ? 'B' : 'A';
    const tampered = url.replace(token, `${head}.${payload}.${sig.slice(0, 5)}${flipped}${sig.slice(6)}`);
    const bad = await fetch(tampered);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ statusCode: '400', error: 'InvalidJWT' });

    const expiredToken = await h.keys.sign({ url: `docs/${key}` }, -60);
    const expired = await fetch(url.replace(token, expiredToken));
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ statusCode: '400', error: 'InvalidJWT', message: 'jwt expired' });

    // A valid token for one object never opens another one.
    expect((await docs.upload(`${alice.id}/secret.txt`, bytes('secret'))).error).toBeNull();
    const otherPath = await fetch(`${h.storageUrl}/object/sign/docs/${alice.id}/secret.txt?token=${token}`);
    expect(otherPath.status).toBe(400);
    expect(await otherPath.json()).toMatchObject({ error: 'InvalidSignature' });
    // A user's access token is not a signed-URL token.
    const accessAsSigned = await fetch(`${h.storageUrl}/object/sign/docs/${alice.id}/secret.txt?token=${alice.token}`);
    expect(accessAsSigned.status).toBe(400);

    const missing = await docs.createSignedUrl(`${alice.id}/nope.pdf`, 60);
    expect(missing.error).toMatchObject({ statusCode: '404' });
  });

  it('creates many signed URLs at once, with an error entry for what does not exist', async () => {
    const alice = await h.user();
    const docs = alice.client.storage.from('docs');
    await docs.upload(`${alice.id}/1.txt`, bytes('one'));
    await docs.upload(`${alice.id}/2.txt`, bytes('two'));
    const many = await docs.createSignedUrls([`${alice.id}/1.txt`, `${alice.id}/missing.txt`, `${alice.id}/2.txt`], 60);
    expect(many.error).toBeNull();
    expect(many.data).toHaveLength(3);
    expect(many.data![1]).toMatchObject({
      path: `${alice.id}/missing.txt`,
      signedUrl: null,
      error: 'Either the object does not exist or you do not have access to it',
    });
    expect(await (await fetch(many.data![0].signedUrl!)).text()).toBe('one');
    expect(await (await fetch(many.data![2].signedUrl!)).text()).toBe('two');
  });

  it('removes objects and their bytes', async () => {
    const alice = await h.user();
    const docs = alice.client.storage.from('docs');
    await docs.upload(`${alice.id}/gone.txt`, bytes('bye'));
    await docs.upload(`${alice.id}/stays.txt`, bytes('hi'));
    const filesBefore = versionFiles('docs').length;
    const removed = await docs.remove([`${alice.id}/gone.txt`, `${alice.id}/never-there.txt`]);
    expect(removed.error).toBeNull();
    expect(removed.data!.map((o) => o.name)).toEqual([`${alice.id}/gone.txt`]);
    expect(versionFiles('docs').length).toBe(filesBefore - 1);
    expect((await docs.download(`${alice.id}/gone.txt`)).error).toMatchObject({ statusCode: '404' });
    expect(await blobText((await docs.download(`${alice.id}/stays.txt`)).data)).toBe('hi');
  });
});

describe('what RLS refuses', () => {
  it("denies another user's download, list, signed URL, overwrite and remove", async () => {
    const alice = await h.user();
    const mallory = await h.user();
    const key = `${alice.id}/private.txt`;
    expect((await alice.client.storage.from('docs').upload(key, bytes('mine'))).error).toBeNull();
    const theirs = mallory.client.storage.from('docs');

    expect((await theirs.download(key)).error).toMatchObject({ statusCode: '404', message: 'Object not found' });
    expect((await theirs.list(alice.id)).data).toEqual([]);
    expect((await theirs.createSignedUrl(key, 60)).error).toMatchObject({ statusCode: '404' });
    expect((await theirs.createSignedUrls([key], 60)).data![0]).toMatchObject({ signedUrl: null });

    const overwrite = await theirs.upload(key, bytes('pwned'), { upsert: true });
    expect(overwrite.error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
    const intoTheirFolder = await theirs.upload(`${alice.id}/planted.txt`, bytes('x'));
    expect(intoTheirFolder.error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
    expect((await theirs.update(key, bytes('pwned'))).error).toMatchObject({ statusCode: '404' });

    const removed = await theirs.remove([key]);
    expect(removed.error).toBeNull();
    expect(removed.data).toEqual([]);
    expect(await blobText((await alice.client.storage.from('docs').download(key)).data)).toBe('mine');
  });

  it('denies anon everything in a private bucket', async () => {
    const alice = await h.user();
    const key = `${alice.id}/private.txt`;
    await alice.client.storage.from('docs').upload(key, bytes('mine'));
    const anon = h.anon().storage.from('docs');
    expect((await anon.upload(`${alice.id}/anon.txt`, bytes('x'))).error).toMatchObject({
      statusCode: '403',
      message: 'new row violates row-level security policy',
    });
    expect((await anon.download(key)).error).toMatchObject({ statusCode: '404' });
    expect((await anon.list(alice.id)).data).toEqual([]);
    expect((await anon.remove([key])).data).toEqual([]);
    expect((await anon.createSignedUrl(key, 60)).error).toMatchObject({ statusCode: '404' });
  });

  it('refuses requests without an API key, without a token, or with a forged or expired token', async () => {
    const url = `${h.storageUrl}/object/list/docs`;
    const body = JSON.stringify({ prefix: '' });
    const noKey = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ statusCode: '403', error: 'Unauthorized' });

    const noToken = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', apikey: h.anonKey } });
    expect(await noToken.json()).toMatchObject({ statusCode: '403', error: 'Unauthorized' });

    const alice = await h.user();
    const [head, payload] = alice.token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'service_role' }),
    ).toString('base64url');
    const forged = await fetch(url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        apikey: h.anonKey,
        authorization: `Bearer ${head}.${forgedPayload}.${alice.token.split('.')[2]}`,
      },
    });
    expect(await forged.json()).toMatchObject({ statusCode: '403', error: 'Unauthorized', message: 'invalid JWT' });

    const expiredToken = await h.keys.sign({ sub: alice.id, role: 'authenticated' }, -10);
    const expired = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', apikey: h.anonKey, authorization: `Bearer ${expiredToken}` },
    });
    expect(await expired.json()).toMatchObject({ statusCode: '403', error: 'Unauthorized', message: 'jwt expired' });

    // A signed-URL token carries no role: it is not an API credential.
    const urlToken = await h.keys.sign({ url: 'docs/x' }, 60);
    const asBearer = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', apikey: h.anonKey, authorization: `Bearer ${urlToken}` },
    });
    expect(await asBearer.json()).toMatchObject({ statusCode: '403', error: 'Unauthorized' });
  });

  it('serves a public bucket without a token, and a service-role client bypasses RLS', async () => {
    const { createClient } = await import('@supabase/supabase-js');
    const service = createClient(h.apiUrl, h.serviceRoleKey, testClientOptions);
    expect((await service.storage.from('open').upload('logo.txt', bytes('public'))).error).toBeNull();
    const res = await fetch(h.anon().storage.from('open').getPublicUrl('logo.txt').data.publicUrl);
    expect(await res.text()).toBe('public');
    expect((await fetch(`${h.storageUrl}/object/public/docs/x.txt`)).status).toBe(400);
    const buckets = await service.storage.listBuckets();
    expect(buckets.data!.map((b) => b.id)).toEqual(expect.arrayContaining(['docs', 'images', 'open']));
    expect((await service.storage.getBucket('docs')).data).toMatchObject({ id: 'docs', file_size_limit: 1048576 });
  });
});
