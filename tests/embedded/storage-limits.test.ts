// Storage API refusals: bucket size and MIME limits, path traversal, oversized bodies that must
// not be buffered, and malformed requests that must get Storage-shaped 4xx answers, never a 500.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TMP_DIR_NAME } from '../../embedded/storage/files';
import { startStorageHarness, type StorageHarness } from './storage-harness';

let h: StorageHarness;

beforeAll(async () => {
  h = await startStorageHarness();
});

afterAll(async () => {
  await h?.stop();
});

const MiB = 1024 * 1024;

function tmpFiles(): string[] {
  const dir = path.join(h.filesDir, TMP_DIR_NAME);
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** A body of `total` bytes produced lazily; `pulled()` tells how much the upload consumed. */
function lazyBody(total: number) {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(120);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) {
        controller.close();
        return;
      }
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

async function rowCount(name: string): Promise<number> {
  const { rows } = await h.admin.query('select count(*)::int as n from storage.objects where name = $1', [name]);
  return rows[0].n;
}

describe('bucket limits', () => {
  it('refuses an object over file_size_limit, whether raw or multipart, and keeps nothing of it', async () => {
    const alice = await h.user();
    const docs = alice.client.storage.from('docs');
    expect((await docs.upload(`${alice.id}/exactly.bin`, new Uint8Array(MiB), { contentType: 'application/octet-stream' })).error).toBeNull();

    const raw = await docs.upload(`${alice.id}/raw.bin`, new Uint8Array(MiB + 1), { contentType: 'application/octet-stream' });
    expect(raw.error).toMatchObject({ statusCode: '413', message: 'The object exceeded the maximum allowed size' });
    const multipart = await docs.upload(`${alice.id}/form.bin`, new Blob([new Uint8Array(3 * MiB)]));
    expect(multipart.error).toMatchObject({ statusCode: '413', message: 'The object exceeded the maximum allowed size' });

    expect(await rowCount(`${alice.id}/raw.bin`)).toBe(0);
    expect(await rowCount(`${alice.id}/form.bin`)).toBe(0);
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses a streamed body past the limit without reading it all', async () => {
    const alice = await h.user();
    const total = 256 * MiB;
    const body = lazyBody(total);
    const up = await alice.client.storage.from('docs').upload(`${alice.id}/stream.bin`, body.stream, { contentType: 'application/octet-stream' });
    expect(up.error).toMatchObject({ statusCode: '413', message: 'The object exceeded the maximum allowed size' });
    // The limit is 1 MiB; the server stops reading shortly after (socket buffers aside).
    expect(body.pulled()).toBeLessThan(total / 8);
    expect(await rowCount(`${alice.id}/stream.bin`)).toBe(0);
    expect(tmpFiles()).toEqual([]);
  });

  it('does not read the body of an upload RLS refuses', async () => {
    const alice = await h.user();
    const mallory = await h.user();
    const total = 256 * MiB;
    const body = lazyBody(total);
    const up = await mallory.client.storage.from('docs').upload(`${alice.id}/planted.bin`, body.stream, { contentType: 'application/octet-stream' });
    expect(up.error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
    expect(body.pulled()).toBeLessThan(total / 8);
  });

  it('enforces allowed_mime_types with wildcards', async () => {
    const alice = await h.user();
    const images = alice.client.storage.from('images');
    expect((await images.upload(`${alice.id}/a.png`, new Uint8Array([137, 80, 78, 71]), { contentType: 'image/png' })).error).toBeNull();
    expect((await images.upload(`${alice.id}/a.pdf`, new Uint8Array([37, 80]), { contentType: 'application/pdf' })).error).toBeNull();
    expect((await images.upload(`${alice.id}/b.webp`, new Blob(['x'], { type: 'image/webp' }))).error).toBeNull();

    const text = await images.upload(`${alice.id}/a.txt`, 'plain text', { contentType: 'text/plain' });
    expect(text.error).toMatchObject({ statusCode: '415', message: 'mime type text/plain is not supported' });
    const html = await images.upload(`${alice.id}/a.html`, new Blob(['<p>x</p>'], { type: 'text/html' }));
    expect(html.error).toMatchObject({ statusCode: '415', message: 'mime type text/html is not supported' });
    expect(tmpFiles()).toEqual([]);
  });

  it('answers Bucket not found for a bucket that does not exist', async () => {
    const alice = await h.user();
    const up = await alice.client.storage.from('nope').upload(`${alice.id}/x.txt`, 'x');
    expect(up.error).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
  });
});

describe('object keys', () => {
  it('refuses traversal, absolute, empty-segment, backslash, NUL and non-S3-safe keys', async () => {
    const alice = await h.user();
    const headers = { apikey: h.anonKey, authorization: `Bearer ${alice.token}`, 'content-type': 'text/plain' };
    const bad = [
      `${alice.id}%2F..%2F..%2Fescape.txt`,
      `${alice.id}%2F.%2Fdot.txt`,
      `%2Fetc%2Fpasswd`,
      `/etc/passwd`,
      `${alice.id}//double.txt`,
      `${alice.id}/back%5Cslash.txt`,
      `${alice.id}/nul%00.txt`,
      `${alice.id}/%C3%B6.txt`,
      `${alice.id}/bad%E0%A4%A.txt`,
      ``,
    ];
    for (const key of bad) {
      const res = await fetch(`${h.storageUrl}/object/docs/${key}`, { method: 'POST', body: 'x', headers });
      expect(res.status, key).toBe(400);
      const json = await res.json();
      expect(json.statusCode, key).toBe('400');
      expect(['InvalidKey', 'Invalid Input'], key).toContain(json.error);
      const download = await fetch(`${h.storageUrl}/object/docs/${key}`, { headers });
      expect(download.status, key).toBe(400);
    }
    const { rows } = await h.admin.query('select name from storage.objects where owner_id = $1', [alice.id]);
    expect(rows).toEqual([]);
    expect(tmpFiles()).toEqual([]);

    // Through supabase-js, a Swedish character is refused as hosted Storage refuses it.
    const swedish = await alice.client.storage.from('docs').upload(`${alice.id}/översikt.txt`, 'x');
    expect(swedish.error).toMatchObject({ statusCode: '400' });
  });
});

describe('malformed requests', () => {
  it('answers 4xx in Storage shape, never a 500', async () => {
    const alice = await h.user();
    const auth = { apikey: h.anonKey, authorization: `Bearer ${alice.token}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const cases: Array<[string, string, RequestInit]> = [
      ['malformed list JSON', '/object/list/docs', { method: 'POST', headers: json, body: '{"prefix":' }],
      ['list body not an object', '/object/list/docs', { method: 'POST', headers: json, body: '[1,2]' }],
      ['list limit not a number', '/object/list/docs', { method: 'POST', headers: json, body: '{"limit":"x"}' }],
      ['list sort column injection', '/object/list/docs', { method: 'POST', headers: json, body: '{"sortBy":{"column":"name; drop table x"}}' }],
      ['list sort order injection', '/object/list/docs', { method: 'POST', headers: json, body: '{"sortBy":{"column":"name","order":"asc, id"}}' }],
      ['list prefix not a string', '/object/list/docs', { method: 'POST', headers: json, body: '{"prefix":5}' }],
      ['remove without prefixes', '/object/docs', { method: 'DELETE', headers: json, body: '{}' }],
      ['remove prefixes not strings', '/object/docs', { method: 'DELETE', headers: json, body: '{"prefixes":[1]}' }],
      ['sign without expiresIn', `/object/sign/docs/${alice.id}/x.txt`, { method: 'POST', headers: json, body: '{}' }],
      ['sign negative expiresIn', `/object/sign/docs/${alice.id}/x.txt`, { method: 'POST', headers: json, body: '{"expiresIn":-5}' }],
      ['sign many paths not array', '/object/sign/docs', { method: 'POST', headers: json, body: '{"expiresIn":60,"paths":"x"}' }],
      ['JSON body too large', '/object/list/docs', { method: 'POST', headers: json, body: JSON.stringify({ prefix: 'x'.repeat(200_000) }) }],
      ['signed GET without token', `/object/sign/docs/${alice.id}/x.txt`, { method: 'GET' }],
      ['signed GET with garbage token', `/object/sign/docs/${alice.id}/x.txt?token=not.a.jwt`, { method: 'GET' }],
      ['unknown route', '/nothing/here', { method: 'GET', headers: auth }],
      ['unsupported method', `/object/docs/${alice.id}/x.txt`, { method: 'PATCH', headers: auth }],
      ['invalid bucket name', '/object/list/bad%2Fname', { method: 'POST', headers: json, body: '{}' }],
      ['bad x-metadata header', `/object/docs/${alice.id}/m.txt`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain', 'x-metadata': 'bm90IGpzb24=' }, body: 'x' }],
      ['multipart without boundary', `/object/docs/${alice.id}/m.txt`, { method: 'POST', headers: { ...auth, 'content-type': 'multipart/form-data' }, body: 'x' }],
      ['multipart without file', `/object/docs/${alice.id}/m.txt`, { method: 'POST', headers: { ...auth, 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\ncontent-disposition: form-data; name="cacheControl"\r\n\r\n60\r\n--zz--\r\n' }],
      ['truncated multipart', `/object/docs/${alice.id}/m.txt`, { method: 'POST', headers: { ...auth, 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\ncontent-disposition: form-data; name=""; filename="a"\r\n\r\nabc' }],
    ];
    for (const [name, route, init] of cases) {
      const res = await fetch(`${h.storageUrl}${route}`, init);
      expect(res.status, name).toBeGreaterThanOrEqual(400);
      expect(res.status, name).toBeLessThan(500);
      const body = await res.json();
      expect(body, name).toMatchObject({ statusCode: expect.stringMatching(/^4\d\d$/), error: expect.any(String), message: expect.any(String) });
    }
    expect(await rowCount(`${alice.id}/m.txt`)).toBe(0);
    expect(tmpFiles()).toEqual([]);
  });
});
