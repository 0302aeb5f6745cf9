// Finding 11 of the security review: state-changing route handlers ignored Origin (PATCH
// /api/nodes/[id], POST /api/nodes, POST /api/import/accept accepted a foreign Origin). Every
// route file under app/ is found by reading the tree (so a new one is covered without editing
// this test); each state-changing method it exports is sent from another site, with a foreign
// Origin and with no Origin but a cross-site Sec-Fetch-Site, through the app's proxy with the
// owner's session. Each is refused with 403 before its handler runs, and no row changes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import type { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { proxy, config } from '@/proxy';
import { fingerprint, SITE_URL, startAppWorld, type AppWorld } from '../support/app-world';
import { asRequest, type SimulatedBrowser } from '../support/next-request';
import { repoRoot } from '../support/paths';

vi.mock('next/headers', () => import('../support/next-request'));
vi.mock('next/cache', () => import('../support/next-request'));

const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE'];

interface Route {
  file: string;
  methods: string[];
  /** The file's URL with its [params] filled in. */
  url(world: AppWorld): string;
}

function routes(): Route[] {
  const walk = (rel: string): string[] =>
    readdirSync(path.join(repoRoot, rel)).flatMap((n) => {
      const child = path.posix.join(rel, n);
      return statSync(path.join(repoRoot, child)).isDirectory() ? walk(child) : n === 'route.ts' ? [child] : [];
    });
  return walk('app').map((file) => {
    const text = readFileSync(path.join(repoRoot, file), 'utf8');
    const methods = STATE_CHANGING.filter((m) => new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${m}\\b`).test(text));
    const segments = path.posix
      .dirname(file)
      .split('/')
      .slice(1)
      .filter((s) => !/^\(.*\)$/.test(s)); // route groups are not in the URL
    return {
      file,
      methods,
      url: (world: AppWorld) =>
        '/' +
        segments
          .map((s) => {
            if (!s.startsWith('[')) return s;
            if (s === '[name]') return 'bild.png'; // a file name the static-file rule would skip
            return s.includes('node') ? world.ids.clientId : world.ids.sentInvoiceId;
          })
          .join('/'),
    };
  });
}

let world: AppWorld;
let owner: SimulatedBrowser;

beforeAll(async () => {
  world = await startAppWorld();
  owner = await world.signedIn(world.owner);
}, 240_000);

afterAll(async () => {
  await world?.stop();
});

async function send(url: string, method: string, headers: Record<string, string>) {
  const request = owner.request(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: '{"title":"Kapad","name":"kapad"}',
  });
  return asRequest(owner, () => proxy(request as NextRequest), request.headers);
}

describe('finding 11: state-changing route handlers refuse other sites', () => {
  it('finds the route files, including the three the review used', () => {
    const found = routes().filter((r) => r.methods.length);
    const files = found.map((r) => r.file);
    expect(files).toEqual(
      expect.arrayContaining([
        'app/api/nodes/route.ts',
        'app/api/nodes/[id]/route.ts',
        'app/api/import/accept/route.ts',
        'app/(app)/profil/data/export/route.ts',
      ]),
    );
    expect(found.find((r) => r.file === 'app/api/nodes/[id]/route.ts')!.methods).toContain('PATCH');
  });

  it('the proxy runs for every route URL, also one that looks like a static file', () => {
    for (const route of routes()) {
      const url = `${SITE_URL}${route.url(world)}`;
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(true);
    }
  });

  it('a foreign Origin, or none with a cross-site or same-site Sec-Fetch-Site, gets 403 and changes nothing', async () => {
    const before = await fingerprint(world.h);
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
      { origin: `${SITE_URL}.evil.example` },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: SITE_URL, 'sec-fetch-site': 'cross-site' },
    ];
    let sent = 0;
    for (const route of routes()) {
      for (const method of route.methods) {
        for (const headers of attempts) {
          // No Origin at all: drop the one the simulated browser would send.
          const res = await send(route.url(world), method, 'origin' in headers ? headers : { ...headers, origin: '' });
          expect(res.status, `${method} ${route.file} ${JSON.stringify(headers)}`).toBe(403);
          expect(((await res.json()) as { error: string }).error).toBe('Du har inte behörighet att göra det.');
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThanOrEqual(attempts.length * 9);
    expect(await fingerprint(world.h)).toEqual(before);
  });

  it('the same request from the site itself passes the guard', async () => {
    const res = await send('/api/nodes', 'POST', { origin: SITE_URL, 'sec-fetch-site': 'same-origin' });
    expect(res.status).not.toBe(403);
    // Behind a proxy the Host may differ from SITE_URL: the host the request was sent to counts too.
    const direct = await send('/api/nodes', 'POST', { origin: 'http://10.0.0.5:3000', host: '10.0.0.5:3000' });
    expect(direct.status).not.toBe(403);
  });
});
