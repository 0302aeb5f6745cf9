import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentryOptions } from '../../lib/observability/sentry-options';

// A local endpoint that speaks Sentry's envelope API, so the test reads exactly what would leave.
describe('what reaches Sentry', () => {
  const envelopes: string[] = [];
  let server: Server;
  let dsn: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        envelopes.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    dsn = `http://publickey@127.0.0.1:${port}/1`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends a stack trace without emails, cookies, tokens, bodies or user details', async () => {
    Sentry.init({ ...sentryOptions(dsn), tracesSampleRate: 0 });
    Sentry.setUser({ id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', email: 'kalle.konsult@example.se', ip_address: '10.9.8.7' });
    Sentry.addBreadcrumb({
      category: 'fetch',
      message: 'GET /auth/confirm?token_hash=brodsmula-hemlig&type=recovery',
      data: { url: 'https://app.test/?email=kalle.konsult@example.se' },
    });
    Sentry.withScope((scope) => {
      scope.setContext('request-ish', { headers: { authorization: 'Bearer eyJhbGciOi.hemlig' } });
      Sentry.captureException(new Error('Could not send invoice to kalle.konsult@example.se'));
    });
    await Sentry.flush(5000);

    const sent = envelopes.join('\n');
    expect(sent).toContain('"type":"event"');
    expect(sent).toContain('Could not send invoice to');
    expect(sent).toContain('"stacktrace"');
    for (const secret of ['kalle.konsult@example.se', 'brodsmula-hemlig', 'eyJhbGciOi.hemlig', '10.9.8.7']) {
      expect(sent).not.toContain(secret);
    }
    expect(sent).toContain('7c9e6679-7425-40de-944b-e07fc1f90ae7');
    expect(sent).toContain('sentry-envelopes.test.ts'); // where it happened still arrives
    expect(sent).not.toContain('context_line');
  });

  it('sends nothing without a DSN', async () => {
    await Sentry.close(2000);
    const before = envelopes.length;
    Sentry.init(sentryOptions(undefined));
    Sentry.captureException(new Error('ignored'));
    await Sentry.flush(1000);
    expect(envelopes.length).toBe(before);
  });
});
