// The browser's one way to call the app's JSON routes (components/ui/request-json.ts), against a
// real HTTP server: the body on success; the route's own message on a refusal; the caller's
// "no connection" text, in the user's language, when the answer is missing or unreadable.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestJson } from '@/components/ui/request-json';

const OFFLINE = 'Ingen kontakt med servern.';
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const answers: Record<string, [number, string, string]> = {
      '/ok': [200, 'application/json', JSON.stringify({ nodes: [{ id: 'a' }] })],
      '/refused': [403, 'application/json', JSON.stringify({ error: 'Det här får bara ägaren göra.' })],
      '/crashed': [502, 'text/html', '<html>Bad gateway</html>'],
      '/garbled': [200, 'application/json', '{"nodes": ['],
    };
    const [status, type, body] = answers[req.url ?? ''] ?? [404, 'application/json', '{}'];
    if (req.method === 'POST') {
      let received = '';
      req.on('data', (chunk) => (received += chunk));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: JSON.parse(received) })));
      return;
    }
    res.writeHead(status, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('requestJson', () => {
  it('gives the parsed body, and sends what it is given', async () => {
    expect(await requestJson(`${base}/ok`, OFFLINE)).toEqual({ nodes: [{ id: 'a' }] });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Å' }) };
    expect(await requestJson(`${base}/echo`, OFFLINE, init)).toEqual({ echo: { title: 'Å' } });
  });

  it("fails with the route's own message when it refuses", async () => {
    await expect(requestJson(`${base}/refused`, OFFLINE)).rejects.toThrow('Det här får bara ägaren göra.');
  });

  it('fails with the "no connection" text when the answer is not the app\'s, is unreadable or never comes', async () => {
    await expect(requestJson(`${base}/crashed`, OFFLINE)).rejects.toThrow(OFFLINE);
    await expect(requestJson(`${base}/garbled`, OFFLINE)).rejects.toThrow(OFFLINE);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(requestJson(`http://127.0.0.1:${port}/ok`, OFFLINE)).rejects.toThrow(new Error(OFFLINE));
  });
});
