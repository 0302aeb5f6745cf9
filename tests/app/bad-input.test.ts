// Finding 13 of the security review: 500s on bad input. The review's cases one by one (a NUL byte
// in node titles, bodies and import names, malformed percent-encoding in X-File-Name, a newline
// in `next`, crafted session cookies), then a bounded
// fuzz (fast-check, fixed seed and run count) over every route handler under app/ (found by
// reading the tree), every server action and the stand-in's Auth and Storage APIs: nothing
// answers 5xx, no action fails with the generic error, and the app still answers afterwards.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fingerprint, serverActionModules, SITE_URL, startAppWorld, type AppWorld } from '../support/app-world';
import { asRequest, redirectTarget, SimulatedBrowser } from '../support/next-request';
import { repoRoot } from '../support/paths';

vi.mock('next/headers', () => import('../support/next-request'));
vi.mock('next/cache', () => import('../support/next-request'));

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

let world: AppWorld;
let owner: SimulatedBrowser;
const routes: { file: string; params: string[]; url: (p: Record<string, string>) => string; handlers: Partial<Record<string, Handler>> }[] =
  [];

beforeAll(async () => {
  world = await startAppWorld();
  owner = await world.signedIn(world.owner);
  const walk = (rel: string): string[] =>
    readdirSync(path.join(repoRoot, rel)).flatMap((n) => {
      const child = path.posix.join(rel, n);
      return statSync(path.join(repoRoot, child)).isDirectory() ? walk(child) : n === 'route.ts' ? [child] : [];
    });
  for (const file of walk('app')) {
    const mod = (await import(`@/${file.replace(/\.ts$/, '')}`)) as Record<string, unknown>;
    const segments = path.posix
      .dirname(file)
      .split('/')
      .slice(1)
      .filter((s) => !/^\(.*\)$/.test(s));
    routes.push({
      file,
      params: segments.filter((s) => s.startsWith('[')).map((s) => s.slice(1, -1)),
      url: (p) => '/' + segments.map((s) => (s.startsWith('[') ? encode(p[s.slice(1, -1)]) : s)).join('/'),
      handlers: Object.fromEntries(METHODS.filter((m) => typeof mod[m] === 'function').map((m) => [m, mod[m] as Handler])),
    });
  }
}, 240_000);

afterAll(async () => {
  await world?.stop();
});

async function call(
  file: string,
  method: string,
  opts: {
    params?: Record<string, string>;
    body?: BodyInit | null;
    headers?: Record<string, string>;
    search?: string;
    as?: SimulatedBrowser;
  } = {},
) {
  const route = routes.find((r) => r.file === file)!;
  const browser = opts.as ?? owner;
  const params = opts.params ?? {};
  const request = browser.request(`${route.url(params)}${opts.search ?? ''}`, {
    method,
    body: method === 'GET' ? null : (opts.body ?? null),
    headers: opts.headers,
  });
  return asRequest(browser, () => route.handlers[method]!(request, { params: Promise.resolve(params) }), request.headers);
}

/** encodeURIComponent, with a lone surrogate (which it refuses) sent as a broken escape instead. */
const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0';
  }
};
const json = (value: unknown) => ({ body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });
const errorOf = async (res: Response) => ((await res.json()) as { error?: string }).error;

describe('finding 13: bad input gets a 4xx with a clear message', () => {
  it('a NUL byte in a node title or body', async () => {
    const created = await call(
      'app/api/nodes/route.ts',
      'POST',
      json({ kind: 'client', parentId: null, title: 'Kund\u0000AB', x: 0, y: 0 }),
    );
    expect(created.status).toBe(400);
    expect(await errorOf(created)).toMatch(/styrtecken/);
    const patched = await call('app/api/nodes/[id]/route.ts', 'PATCH', {
      params: { id: world.ids.clientId },
      ...json({ body: 'anteckning\u0000' }),
    });
    expect(patched.status).toBe(400);
    expect(await errorOf(patched)).toMatch(/styrtecken/);
  });

  it('a NUL byte in import names and note bodies', async () => {
    for (const clients of [
      [{ name: 'Kund\u0000' }],
      [{ name: 'Kund', notes: [{ title: 'Not', body: 'text\u0000' }] }],
      [{ name: 'Kund', projects: [{ name: 'P\u0000' }] }],
    ]) {
      // Imported text is made clean (lib/validation/text.ts toSingleLine/toMultiLine), so the NUL
      // either goes or the request is refused with a message; never a 500.
      const res = await call('app/api/import/accept/route.ts', 'POST', json({ clients }));
      expect(res.status, JSON.stringify(clients)).toBeLessThan(500);
      if (res.status >= 400) expect(await errorOf(res)).toBeTruthy();
    }
  });

  it('a NUL byte in a server action field is refused at that field', async () => {
    const { saveClientDetailsAction } = await import('@/lib/map/actions');
    const form = new FormData();
    form.set('nodeId', world.ids.clientId);
    form.set('name', 'Kund\u0000AB');
    const result = await asRequest(owner, () => saveClientDetailsAction({ ok: false, fieldErrors: {}, values: {} }, form));
    expect(result).toMatchObject({ ok: false, fieldErrors: { name: expect.stringMatching(/tecken som inte kan sparas/) } });
  });

  it('malformed percent-encoding in X-File-Name', async () => {
    for (const name of ['%E0%A4%A', '%', '%ZZ.pdf', '%C0%AF']) {
      const extract = await call('app/api/import/extract/route.ts', 'POST', {
        body: 'hej',
        headers: { 'x-file-name': name, 'content-type': 'text/plain' },
      });
      expect(extract.status, name).toBeGreaterThanOrEqual(400);
      expect(extract.status, name).toBeLessThan(500);
      const upload = await call('app/api/files/[nodeId]/route.ts', 'POST', {
        params: { nodeId: world.ids.clientId },
        body: 'hej',
        headers: { 'x-file-name': name, 'content-type': 'text/plain', 'content-length': '3' },
      });
      expect(upload.status, name).toBe(400);
    }
  });

  it('a newline or tab in next after sign-in goes home', async () => {
    const { signIn } = await import('@/lib/auth/actions');
    for (const next of ['/\n/evil.example', '/\t/evil.example', '/fakturor\r\nSet-Cookie: x=1']) {
      const form = new FormData();
      form.set('email', world.accountant.email);
      form.set('password', 'ett tillräckligt långt lösenord 1');
      form.set('next', next);
      const browser = new SimulatedBrowser(SITE_URL);
      const target = await asRequest(browser, async () => {
        try {
          return JSON.stringify(await signIn({ ok: false, fieldErrors: {}, values: {} }, form));
        } catch (error) {
          return redirectTarget(error) ?? String(error);
        }
      });
      expect(target, JSON.stringify(next)).toBe('/');
    }
  });

  it('a crafted session cookie means signed out, on pages and route handlers', async () => {
    const { proxy } = await import('@/proxy');
    const { getVerifiedClaims } = await import('@/lib/auth/claims');
    const [cookieName, real] = [...owner.jar][0];
    const session = JSON.parse(Buffer.from(real.slice('base64-'.length), 'base64url').toString());
    const [header, payload] = (session.access_token as string).split('.');
    const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
    const headerJson = JSON.parse(Buffer.from(header, 'base64url').toString());
    const token = (t: string) => 'base64-' + b64({ ...session, access_token: t });
    const crafted = {
      garbage: 'garbage',
      notBase64: 'base64-!!!',
      notJson: 'base64-' + b64('nope'),
      algNone: token(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`),
      algNoneWithKid: token(`${b64({ ...headerJson, alg: 'none' })}.${payload}.`),
      rs256WithKid: token(`${b64({ ...headerJson, alg: 'RS256' })}.${payload}.${'a'.repeat(43)}`),
      hs256: token(`${b64({ alg: 'HS256', typ: 'JWT' })}.${payload}.${'a'.repeat(43)}`),
      headerNotJson: token(`${b64('x')}.${payload}.sig`),
      payloadNotJson: token(`${header}.${b64('x')}.sig`),
      badSignature: token(`${header}.${payload}.${'a'.repeat(86)}`),
    };
    for (const [name, value] of Object.entries(crafted)) {
      const browser = new SimulatedBrowser(SITE_URL);
      browser.jar.set(cookieName, value);
      const page = browser.request('/fakturor');
      const res = await asRequest(browser, () => proxy(page as NextRequest), page.headers);
      expect(res.status, name).toBe(303);
      expect(res.headers.get('location'), name).toMatch(/\/login\?next=%2Ffakturor$/);
      expect(await asRequest(browser, () => getVerifiedClaims()), name).toBeNull();
      expect((await call('app/api/nodes/route.ts', 'GET', { as: browser })).status, name).toBe(401);
    }
  });
});

describe('finding 13: fuzz (fixed seed, bounded runs)', () => {
  const nasty = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom(
      '\u0000',
      '%',
      '%E0%A4%A',
      '\ud800',
      '../..',
      '__proto__',
      'constructor',
      '1e400',
      '-1',
      '9'.repeat(40),
      '',
      ' ',
      'null',
      '\n',
      '<script>',
    ),
  );
  const jsonish = fc.oneof(
    fc.json(),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    nasty,
    fc
      .dictionary(
        fc.constantFrom(
          'title',
          'body',
          'kind',
          'parentId',
          'x',
          'y',
          'clients',
          'name',
          'archived',
          'colour',
          'documents',
          'proposer',
          'consent',
          'blocks',
          'nodeId',
        ),
        fc.jsonValue(),
      )
      .map((o) => JSON.stringify(o)),
  );
  const param = fc.oneof(
    fc.constant('__id__'),
    fc.uuid(),
    nasty.filter((s) => s.length > 0),
  );

  it('no route handler answers 5xx', async () => {
    const ids = [world.ids.clientId, world.ids.sentInvoiceId, world.ids.draftInvoiceId];
    const targets = routes.flatMap((r) => Object.keys(r.handlers).map((method) => ({ r, method })));
    expect(targets.length).toBeGreaterThan(15);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.array(param, { minLength: 3, maxLength: 3 }),
        jsonish,
        fc.record(
          {
            'x-file-name': nasty.map(encode),
            'content-type': fc.constantFrom('application/json', 'text/plain', 'application/pdf', 'multipart/form-data', 'x/\u00e9'),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom('', '?from=2026-01-01&to=2026-12-31', '?from=x&to=%', '?period=%ZZ', '?format=zip', `?year=${'9'.repeat(30)}`),
        fc.nat(2),
        async ({ r, method }, values, body, headers, search, pick) => {
          const params = Object.fromEntries(r.params.map((p, i) => [p, values[i] === '__id__' ? ids[pick] : values[i]]));
          let res: Response;
          try {
            res = await call(r.file, method, { params, body, headers: headers as Record<string, string>, search });
          } catch (error) {
            if (redirectTarget(error)) return;
            throw error;
          }
          expect(
            res.status,
            `${method} ${r.file} ${JSON.stringify({ params, body: String(body).slice(0, 200), headers, search })}`,
          ).toBeLessThan(500);
          await res.arrayBuffer().catch(() => undefined);
        },
      ),
      { numRuns: 250, seed: 13 },
    );
  });

  it('no server action fails with the generic error or throws', async () => {
    const actions: { name: string; fn: (...a: unknown[]) => Promise<unknown> }[] = [];
    for (const file of serverActionModules()) {
      const mod = (await import(`@/${file.replace(/\.tsx?$/, '')}`)) as Record<string, unknown>;
      for (const [name, fn] of Object.entries(mod))
        if (typeof fn === 'function' && name !== 'signOut') actions.push({ name: `${file}#${name}`, fn: fn as never });
    }
    const fields = [
      'invoiceId',
      'clientId',
      'nodeId',
      'id',
      'entryIds',
      'lineId',
      'lineIds',
      'to',
      'email',
      'token',
      'workspaceId',
      'locale',
      'returnTo',
      'next',
      'paidOn',
      'issueDate',
      'dueDate',
      'entryDate',
      'minutes',
      'description',
      'quantity',
      'unit',
      'unitPrice',
      'vatRate',
      'legalName',
      'name',
      'paymentTerms',
      'orgNumber',
      'vatNumber',
      'iban',
      'bankgiro',
      'hourlyRate',
      'receivable',
      'userId',
      'invitationId',
      'message',
      'country',
    ];
    const value = fc.oneof(
      nasty,
      fc.constantFrom(world.ids.clientId, world.ids.draftInvoiceId, world.ids.entryId, '2026-02-30', '1,5', '-0', '25'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...actions),
        fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 12 }),
        async ({ name, fn }, input) => {
          const form = new FormData();
          for (const [k, v] of Object.entries(input)) form.set(k, v);
          const result = await asRequest(owner, async () => {
            try {
              return (fn.length === 2 ? await fn({ ok: false, fieldErrors: {}, values: {} }, form) : await fn(form)) as
                { formError?: string } | undefined;
            } catch (error) {
              if (redirectTarget(error)) return undefined;
              throw new Error(`${name} threw ${String(error)} on ${JSON.stringify(input)}`, { cause: error });
            }
          });
          expect(result?.formError, `${name} ${JSON.stringify(input)}`).not.toBe('Något gick fel. Försök igen om en stund.');
        },
      ),
      { numRuns: 200, seed: 13 },
    );
  });

  it('no 5xx from the stand-in’s Auth and Storage APIs', async () => {
    const { apiUrl, anonKey } = world.h.standIn;
    const paths = [
      '/auth/v1/token?grant_type=password',
      '/auth/v1/token?grant_type=refresh_token',
      '/auth/v1/signup',
      '/auth/v1/recover',
      '/auth/v1/verify',
      '/auth/v1/user',
      '/auth/v1/logout',
      '/auth/v1/otp',
      '/auth/v1/.well-known/jwks.json',
      '/storage/v1/object/list/documents',
      '/storage/v1/object/documents/x/y.txt',
      '/storage/v1/object/sign/invoice-archive/x.pdf',
      '/storage/v1/object/invoice-archive/x',
      '/storage/v1/bucket',
      '/storage/v1/object/logos/%ZZ',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        jsonish,
        fc.boolean(),
        async (p, method, body, withUser) => {
          const headers: Record<string, string> = { apikey: anonKey, 'content-type': 'application/json' };
          if (withUser)
            headers.authorization = `Bearer ${JSON.parse(Buffer.from([...owner.jar.values()][0].slice(7), 'base64url').toString()).access_token}`;
          const res = await fetch(`${apiUrl}${p}`, { method, headers, body: method === 'GET' ? undefined : body, redirect: 'manual' });
          expect(res.status, `${method} ${p} ${String(body).slice(0, 200)}`).toBeLessThan(500);
          await res.arrayBuffer();
        },
      ),
      { numRuns: 150, seed: 13 },
    );
  });

  it('the app still answers afterwards', async () => {
    const browser = await world.signedIn(world.owner);
    const res = await call('app/api/nodes/route.ts', 'GET', { as: browser });
    expect(res.status).toBe(200);
    expect(Object.keys(await fingerprint(world.h)).length).toBeGreaterThan(5);
  });
});
