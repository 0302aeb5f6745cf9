// Issue 13 against the stand-in's Storage, through the real supabase-js client:
// finding 3 (stored XSS: `text/plain; x=,TEXT/HTML` passed the allow-list and was served as
// HTML, without nosniff) and the Storage parts of finding 15 (any Origin echoed with credentials;
// signed URLs for 10 years).
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SIGNED_URL_SECONDS } from '../../embedded/storage/objects';
import { startStorageHarness, type StorageHarness } from './storage-harness';

let h: StorageHarness;

beforeAll(async () => {
  h = await startStorageHarness();
  await h.admin.query(`
    insert into storage.buckets (id, name, public, allowed_mime_types) values ('plain', 'plain', false, '{text/plain}');
    create policy hardening_plain_select on storage.objects for select to authenticated
      using (bucket_id = 'plain' and (storage.foldername(name))[1] = (select auth.uid())::text);
    create policy hardening_plain_insert on storage.objects for insert to authenticated
      with check (bucket_id = 'plain' and (storage.foldername(name))[1] = (select auth.uid())::text);
  `);
});

afterAll(async () => {
  await h?.stop();
});

const bytes = (text: string) => new TextEncoder().encode(text);
const SCRIPT = '<script>alert(document.domain)</script>';

/** The headers a browser would act on, for a signed URL and for the authenticated download. */
async function servedHeaders(user: Awaited<ReturnType<StorageHarness['user']>>, bucket: string, key: string) {
  const signed = await user.client.storage.from(bucket).createSignedUrl(key, 60);
  expect(signed.error).toBeNull();
  const viaSigned = await fetch(signed.data!.signedUrl);
  const viaSession = await fetch(`${h.storageUrl}/object/authenticated/${bucket}/${key}`, {
    headers: { apikey: h.anonKey, authorization: `Bearer ${user.token}` },
  });
  return [viaSigned, viaSession].map((res) => ({
    status: res.status,
    type: res.headers.get('content-type'),
    nosniff: res.headers.get('x-content-type-options'),
    csp: res.headers.get('content-security-policy'),
    disposition: res.headers.get('content-disposition'),
  }));
}

describe('stored XSS on the Storage origin (issue 13, finding 3)', () => {
  it('an upload typed `text/plain; x=,TEXT/HTML` is refused, or stored and served as plain text to download, never as HTML', async () => {
    const alice = await h.user();
    const raw = await alice.client.storage
      .from('plain')
      .upload(`${alice.id}/raw.txt`, bytes(SCRIPT), { contentType: 'text/plain; x=,TEXT/HTML' });
    expect(raw.error).toMatchObject({ statusCode: '400' });
    for (const contentType of ['TEXT/HTML', 'text/html; charset=utf-8', 'text/plain, text/html', 'image/svg+xml']) {
      const refused = await alice.client.storage
        .from('plain')
        .upload(`${alice.id}/${encodeURIComponent(contentType).replace(/%/g, '')}.txt`, bytes(SCRIPT), { contentType });
      expect(refused.error, contentType).not.toBeNull();
    }

    // A browser's multipart upload: busboy splits the part's type; whatever is kept must be plain text.
    const form = await alice.client.storage
      .from('plain')
      .upload(`${alice.id}/form.txt`, new Blob([SCRIPT], { type: 'text/plain; x=,TEXT/HTML' }));
    if (form.error === null) {
      for (const served of await servedHeaders(alice, 'plain', `${alice.id}/form.txt`)) {
        expect(served).toMatchObject({
          status: 200,
          type: 'text/plain',
          nosniff: 'nosniff',
          csp: "default-src 'none'; sandbox",
          disposition: 'attachment',
        });
      }
    }
  });

  it('stores the type normalised: lower-case type/subtype, charset kept, other parameters dropped', async () => {
    const alice = await h.user();
    const docs = alice.client.storage.from('docs');
    expect((await docs.upload(`${alice.id}/a.txt`, bytes('hej'), { contentType: 'Text/Plain; Charset="UTF-8"; x=y' })).error).toBeNull();
    expect(
      (await alice.client.storage.from('images').upload(`${alice.id}/a.png`, bytes('png'), { contentType: 'IMAGE/PNG; q=1' })).error,
    ).toBeNull();
    const info = await h.admin.query(`select name, metadata->>'mimetype' as type from storage.objects where owner_id = $1 order by name`, [
      alice.id,
    ]);
    expect(info.rows).toEqual([
      { name: `${alice.id}/a.png`, type: 'image/png' },
      { name: `${alice.id}/a.txt`, type: 'text/plain; charset=utf-8' },
    ]);
  });

  it('every download carries nosniff and a restrictive CSP; only raster images and PDF show inline', async () => {
    const alice = await h.user();
    const cases: [string, string, string, Record<string, unknown>][] = [
      ['images', 'pic.png', 'image/png', { type: 'image/png', csp: "default-src 'none'; sandbox", disposition: null }],
      ['images', 'doc.pdf', 'application/pdf', { type: 'application/pdf', csp: "default-src 'none'", disposition: null }],
      ['images', 'logo.svg', 'image/svg+xml', { type: 'image/svg+xml', csp: "default-src 'none'; sandbox", disposition: 'attachment' }],
      ['docs', 'page.html', 'text/html', { type: 'text/html', csp: "default-src 'none'; sandbox", disposition: 'attachment' }],
      ['docs', 'notes.txt', 'text/plain', { type: 'text/plain', csp: "default-src 'none'; sandbox", disposition: 'attachment' }],
    ];
    for (const [bucket, name, contentType, expected] of cases) {
      const key = `${alice.id}/${name}`;
      expect((await alice.client.storage.from(bucket).upload(key, bytes(SCRIPT), { contentType })).error, name).toBeNull();
      for (const served of await servedHeaders(alice, bucket, key)) {
        expect(served, name).toEqual({ status: 200, nosniff: 'nosniff', ...expected });
      }
    }
  });

  it('a type written into storage.objects by SQL that does not parse is served as a download of bytes', async () => {
    const alice = await h.user();
    const key = `${alice.id}/forged.txt`;
    expect((await alice.client.storage.from('docs').upload(key, bytes(SCRIPT), { contentType: 'text/plain' })).error).toBeNull();
    await h.admin.query(`update storage.objects set metadata = metadata || '{"mimetype": "text/plain; x=,TEXT/HTML"}' where name = $1`, [
      key,
    ]);
    for (const served of await servedHeaders(alice, 'docs', key)) {
      expect(served).toEqual({
        status: 200,
        type: 'application/octet-stream',
        nosniff: 'nosniff',
        csp: "default-src 'none'; sandbox",
        disposition: 'attachment',
      });
    }
  });
});

describe('the stand-in answers CORS for the app only (issue 13, finding 15)', () => {
  it('echoes the site URL with credentials, and gives another origin no CORS headers at all', async () => {
    const alice = await h.user();
    const ask = (origin: string) =>
      fetch(`${h.storageUrl}/bucket`, { headers: { origin, apikey: h.anonKey, authorization: `Bearer ${alice.token}` } });
    const own = await ask('http://localhost:3000');
    expect(own.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(own.headers.get('access-control-allow-credentials')).toBe('true');
    for (const origin of ['https://evil.example', 'http://localhost:3001', 'null', 'http://localhost:3000.evil.example']) {
      for (const res of [await ask(origin), await fetch(`${h.apiUrl}/auth/v1/settings`, { headers: { origin, apikey: h.anonKey } })]) {
        expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
        expect(res.headers.get('access-control-allow-credentials'), origin).toBeNull();
      }
    }
    const preflight = await fetch(`${h.storageUrl}/object/docs/x`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('signed URLs do not last for years (issue 13, finding 15)', () => {
  it('caps a 10-year signed URL at a week, for one path and for many', async () => {
    const alice = await h.user();
    const docs = alice.client.storage.from('docs');
    const key = `${alice.id}/long.txt`;
    expect((await docs.upload(key, bytes('x'), { contentType: 'text/plain' })).error).toBeNull();
    const tenYears = 10 * 365 * 24 * 3600;
    const one = await docs.createSignedUrl(key, tenYears);
    const many = await docs.createSignedUrls([key], tenYears);
    for (const url of [one.data!.signedUrl, many.data![0].signedUrl!]) {
      const claims = decodeJwt(new URL(url).searchParams.get('token')!);
      expect(claims.exp! - claims.iat!).toBe(MAX_SIGNED_URL_SECONDS);
      expect(MAX_SIGNED_URL_SECONDS).toBeLessThanOrEqual(7 * 24 * 3600);
      expect((await fetch(url)).status).toBe(200);
    }
  });
});
