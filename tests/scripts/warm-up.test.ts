// The run command's warm-up (issue 17, item 11): the main routes are requested once, the owner's
// pages with a session the app accepts as the demo user; a page that fails, hangs or an app that is
// not there never makes it throw.
import { createServerClient } from '@supabase/ssr';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../embedded/demo';
import { PUBLIC_ROUTES, SIGNED_IN_ROUTES, waitForApp, warmUp } from '../../scripts/warm-up';
import { freePort } from '../support/ports';
import { startTestStandIn, type TestStandIn } from '../support/stand-in';

describe('warming the main routes before the URL is printed', () => {
  let standIn: TestStandIn;
  let server: Server;
  let appUrl: string;
  /** Per request: the path and the email the app would see as signed in (null: signed out). */
  const seen: { path: string; email: string | null }[] = [];

  beforeAll(async () => {
    standIn = await startTestStandIn({ seed: true });
    server = createServer((req, res) => {
      void (async () => {
        const cookies = (req.headers.cookie ?? '')
          .split(/;\s*/)
          .filter(Boolean)
          .map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1) }));
        const client = createServerClient(standIn.apiUrl, standIn.anonKey, { cookies: { getAll: () => cookies, setAll: () => {} } });
        const { data } = await client.auth.getUser();
        seen.push({ path: req.url ?? '', email: data.user?.email ?? null });
        if (req.url === '/karta') return res.writeHead(500).end('compile error');
        if (req.url === '/tid') return; // never answers: the warm-up gives up on it and goes on
        res.writeHead(200).end('ok');
      })();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 600_000);

  afterAll(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    await standIn?.stop();
  });

  it('requests every main route once, the owner pages signed in as the demo user, and skips what fails', async () => {
    const warmed = await warmUp({
      appUrl,
      requestTimeoutMs: 2000,
      auth: { supabaseUrl: standIn.apiUrl, anonKey: standIn.anonKey, email: DEMO_ACCOUNTS.email, password: DEMO_ACCOUNTS.password },
    });
    expect(seen.map((s) => s.path)).toEqual([...PUBLIC_ROUTES, ...SIGNED_IN_ROUTES]);
    for (const s of seen) expect(s.email).toBe(SIGNED_IN_ROUTES.includes(s.path) ? DEMO_ACCOUNTS.email : null);
    expect(warmed).toEqual([...PUBLIC_ROUTES, ...SIGNED_IN_ROUTES].filter((r) => r !== '/karta' && r !== '/tid'));
  }, 60_000);

  it('warms the public pages only when the demo sign-in is refused', async () => {
    seen.length = 0;
    const warmed = await warmUp({
      appUrl,
      requestTimeoutMs: 2000,
      auth: { supabaseUrl: standIn.apiUrl, anonKey: standIn.anonKey, email: DEMO_ACCOUNTS.email, password: 'fel-lösenord' },
    });
    expect(seen.map((s) => s.path)).toEqual(PUBLIC_ROUTES);
    expect(warmed).toEqual(PUBLIC_ROUTES);
  }, 60_000);

  it('neither throws nor waits long when no app answers', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    expect(await waitForApp(nowhere, 1000)).toBe(false);
    expect(await warmUp({ appUrl: nowhere, requestTimeoutMs: 1000 })).toEqual([]);
  });
});
