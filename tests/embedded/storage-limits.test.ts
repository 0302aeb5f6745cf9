// Storage API refusals: bucket size and MIME limits, path traversal, oversized bodies that must
// not be buffered, and malformed requests that must get Storage-shaped 4xx answers, never a 500.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
    expect(
      (await docs.upload(`${alice.id}/exactly.bin`, new Uint8Array(MiB), { contentType: 'application/octet-stream' })).error,
    ).toBeNull();

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
    const up = await alice.client.storage
      .from('docs')
      .upload(`${alice.id}/stream.bin`, body.stream, { contentType: 'application/octet-stream' });
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
    const up = await mallory.client.storage
      .from('docs')
      .upload(`${alice.id}/planted.bin`, body.stream, { contentType: 'application/octet-stream' });
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

describe('error codes', () => {
  it("carries hosted Storage's machine-readable code beside statusCode and the legacy error text", async () => {
    const alice = await h.user();
    const headers = { apikey: h.anonKey, authorization: `Bearer ${alice.token}` };
    const missing = await fetch(`${h.storageUrl}/object/authenticated/docs/${alice.id}/none.txt`, { headers });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ statusCode: '404', code: 'NoSuchKey', error: 'not_found', message: 'Object not found' });
    const noBucket = await fetch(`${h.storageUrl}/object/nope/${alice.id}/x.txt`, {
      method: 'POST',
      body: 'x',
      headers: { ...headers, 'content-type': 'text/plain' },
    });
    expect(await noBucket.json()).toMatchObject({ statusCode: '404', code: 'NoSuchBucket' });
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
      [
        'list sort column injection',
        '/object/list/docs',
        { method: 'POST', headers: json, body: '{"sortBy":{"column":"name; drop table x"}}' },
      ],
      [
        'list sort order injection',
        '/object/list/docs',
        { method: 'POST', headers: json, body: '{"sortBy":{"column":"name","order":"asc, id"}}' },
      ],
      ['list prefix not a string', '/object/list/docs', { method: 'POST', headers: json, body: '{"prefix":5}' }],
      ['remove without prefixes', '/object/docs', { method: 'DELETE', headers: json, body: '{}' }],
      ['remove prefixes not strings', '/object/docs', { method: 'DELETE', headers: json, body: '{"prefixes":[1]}' }],
      ['sign without expiresIn', `/object/sign/docs/${alice.id}/x.txt`, { method: 'POST', headers: json, body: '{}' }],
      ['sign negative expiresIn', `/object/sign/docs/${alice.id}/x.txt`, { method: 'POST', headers: json, body: '{"expiresIn":-5}' }],
      ['sign many paths not array', '/object/sign/docs', { method: 'POST', headers: json, body: '{"expiresIn":60,"paths":"x"}' }],
      [
        'JSON body too large',
        '/object/list/docs',
        { method: 'POST', headers: json, body: JSON.stringify({ prefix: 'x'.repeat(200_000) }) },
      ],
      ['signed GET without token', `/object/sign/docs/${alice.id}/x.txt`, { method: 'GET' }],
      ['signed GET with garbage token', `/object/sign/docs/${alice.id}/x.txt?token=not.a.jwt`, { method: 'GET' }],
      ['unknown route', '/nothing/here', { method: 'GET', headers: auth }],
      ['unsupported method', `/object/docs/${alice.id}/x.txt`, { method: 'PATCH', headers: auth }],
      ['invalid bucket name', '/object/list/bad%2Fname', { method: 'POST', headers: json, body: '{}' }],
      [
        'bad x-metadata header',
        `/object/docs/${alice.id}/m.txt`,
        { method: 'POST', headers: { ...auth, 'content-type': 'text/plain', 'x-metadata': 'bm90IGpzb24=' }, body: 'x' },
      ],
      [
        'multipart without boundary',
        `/object/docs/${alice.id}/m.txt`,
        { method: 'POST', headers: { ...auth, 'content-type': 'multipart/form-data' }, body: 'x' },
      ],
      [
        'multipart without file',
        `/object/docs/${alice.id}/m.txt`,
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'multipart/form-data; boundary=zz' },
          body: '--zz\r\ncontent-disposition: form-data; name="cacheControl"\r\n\r\n60\r\n--zz--\r\n',
        },
      ],
      [
        'multipart cacheControl with CR LF',
        `/object/docs/${alice.id}/m.txt`,
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'multipart/form-data; boundary=zz' },
          body: '--zz\r\ncontent-disposition: form-data; name="cacheControl"\r\n\r\n60\r\nx-evil: 1\r\n--zz\r\ncontent-disposition: form-data; name=""; filename="a"\r\ncontent-type: text/plain\r\n\r\nabc\r\n--zz--\r\n',
        },
      ],
      [
        'raw upload with control characters in content-type',
        `/object/docs/${alice.id}/m.txt`,
        { method: 'POST', headers: { ...auth, 'content-type': 'text/plain\u00e9' }, body: 'x' },
      ],
      [
        'truncated multipart',
        `/object/docs/${alice.id}/m.txt`,
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'multipart/form-data; boundary=zz' },
          body: '--zz\r\ncontent-disposition: form-data; name=""; filename="a"\r\n\r\nabc',
        },
      ],
    ];
    for (const [name, route, init] of cases) {
      const res = await fetch(`${h.storageUrl}${route}`, init);
      expect(res.status, name).toBeGreaterThanOrEqual(400);
      expect(res.status, name).toBeLessThan(500);
      const body = await res.json();
      expect(body, name).toMatchObject({
        statusCode: expect.stringMatching(/^4\d\d$/),
        error: expect.any(String),
        message: expect.any(String),
      });
    }
    expect(await rowCount(`${alice.id}/m.txt`)).toBe(0);
    expect(tmpFiles()).toEqual([]);
  });
});

describe('failures keep rows and bytes consistent', () => {
  function versionFiles(bucket: string): string[] {
    const dir = path.join(h.filesDir, bucket);
    return existsSync(dir) ? readdirSync(dir) : [];
  }

  it('deletes the new bytes when the row fails to commit, and keeps the previous version intact', async () => {
    const alice = await h.user();
    const docs = alice.client.storage.from('docs');
    const key = `${alice.id}/doomed.txt`;
    expect((await docs.upload(key, 'original', { contentType: 'text/plain' })).error).toBeNull();
    const before = versionFiles('docs').sort();
    // Fails the real write (which carries metadata) but not the RLS probe before the body.
    await h.admin.query(`
      create or replace function public.test_refuse_doomed() returns trigger language plpgsql as $$
      begin
        if new.name like '%/doomed.txt' and new.metadata ? 'size' then raise exception 'refused by test trigger'; end if;
        return new;
      end $$;
      create trigger test_refuse_doomed before insert or update on storage.objects
        for each row execute function public.test_refuse_doomed();
    `);
    try {
      const upsert = await docs.upload(key, 'replacement', { contentType: 'text/plain', upsert: true });
      // As on Storage: a database error that is not about access is a DatabaseError 500.
      expect(upsert.error).toMatchObject({ statusCode: '500', message: 'refused by test trigger' });
      const created = await docs.upload(`${alice.id}/sub/doomed.txt`, 'new', { contentType: 'text/plain' });
      expect(created.error).not.toBeNull();
    } finally {
      await h.admin.query('drop trigger test_refuse_doomed on storage.objects; drop function public.test_refuse_doomed()');
    }
    expect(versionFiles('docs').sort()).toEqual(before);
    expect(tmpFiles()).toEqual([]);
    expect(await rowCount(`${alice.id}/sub/doomed.txt`)).toBe(0);
    const down = await docs.download(key);
    expect(await down.data!.text()).toBe('original');
  });

  it('leaves nothing behind when the client aborts mid-upload, and keeps serving', async () => {
    const alice = await h.user();
    const abort = new AbortController();
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        if (sent > 256 * 1024) {
          abort.abort();
          return;
        }
        controller.enqueue(chunk);
      },
    });
    const res = fetch(`${h.storageUrl}/object/docs/${alice.id}/aborted.bin`, {
      method: 'POST',
      body: stream,
      signal: abort.signal,
      headers: { apikey: h.anonKey, authorization: `Bearer ${alice.token}`, 'content-type': 'application/octet-stream' },
      duplex: 'half',
    } as RequestInit);
    await expect(res).rejects.toThrow();
    // The server notices the hang-up on its own schedule; a following request proves it is fine.
    const ok = await alice.client.storage.from('docs').upload(`${alice.id}/after.txt`, 'still here');
    expect(ok.error).toBeNull();
    expect(await rowCount(`${alice.id}/aborted.bin`)).toBe(0);
    await vi.waitFor(() => expect(tmpFiles()).toEqual([]));
  });

  it('still serves an object whose metadata was mangled through SQL', async () => {
    const alice = await h.user();
    const key = `${alice.id}/mangled.txt`;
    expect((await alice.client.storage.from('docs').upload(key, 'bytes')).error).toBeNull();
    await h.admin.query(
      `update storage.objects set metadata = jsonb_build_object('mimetype', E'text/plain\\r\\nx-evil: 1', 'cacheControl', 5, 'lastModified', 'never') where name = $1`,
      [key],
    );
    const res = await fetch(`${h.storageUrl}/object/authenticated/docs/${key}`, {
      headers: { apikey: h.anonKey, authorization: `Bearer ${alice.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('x-evil')).toBeNull();
    expect(await res.text()).toBe('bytes');
  });

  it('serves many concurrent uploads and downloads correctly', async () => {
    const users = [await h.user(), await h.user()];
    const jobs = Array.from({ length: 24 }, (_, i) => ({
      user: users[i % 2],
      key: `${users[i % 2].id}/many/${i}.txt`,
      text: `file ${i} `.repeat(i + 1),
    }));
    const uploads = await Promise.all(
      jobs.map((j) => j.user.client.storage.from('docs').upload(j.key, j.text, { contentType: 'text/plain' })),
    );
    expect(uploads.map((u) => u.error)).toEqual(jobs.map(() => null));
    const downloads = await Promise.all(jobs.map((j) => j.user.client.storage.from('docs').download(j.key)));
    expect(await Promise.all(downloads.map((d) => d.data!.text()))).toEqual(jobs.map((j) => j.text));
    expect((await users[0].client.storage.from('docs').list(`${users[0].id}/many`)).data).toHaveLength(12);
  });
});
