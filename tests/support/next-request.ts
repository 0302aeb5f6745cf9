// Next.js's request scope for tests that call server actions and route handlers directly, against
// a real stand-in: a test file mocks `next/headers` and `next/cache` with this module
//   vi.mock('next/headers', () => import('../support/next-request'));
//   vi.mock('next/cache', () => import('../support/next-request'));
// and every call runs as one simulated browser (its cookie jar and request headers), so the app's
// own code (lib/supabase/server.ts, getVerifiedClaims, getLocale) runs unchanged.
import { NextRequest } from 'next/server';

export class SimulatedBrowser {
  readonly jar = new Map<string, string>();
  constructor(
    readonly origin: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  /** Request headers as the browser would send them (the jar as a Cookie header). */
  headers(more: Record<string, string> = {}): Headers {
    const h = new Headers({
      host: new URL(this.origin).host,
      origin: this.origin,
      'accept-language': 'sv-SE',
      ...this.extraHeaders,
      ...more,
    });
    if (this.jar.size) h.set('cookie', [...this.jar].map(([n, v]) => `${n}=${v}`).join('; '));
    return h;
  }

  request(path: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit | null } = {}): NextRequest {
    return new NextRequest(new URL(path, this.origin), {
      method: init.method ?? 'GET',
      headers: this.headers(init.headers),
      body: init.body ?? null,
      duplex: 'half',
    } as ConstructorParameters<typeof NextRequest>[1]);
  }
}

let scope: { browser: SimulatedBrowser; headers: Headers } | null = null;

/** Runs fn as one request of `browser` (with these request headers, default the browser's own). */
export async function asRequest<T>(browser: SimulatedBrowser, fn: () => Promise<T>, headers?: Headers): Promise<T> {
  const previous = scope;
  scope = { browser, headers: headers ?? browser.headers() };
  try {
    return await fn();
  } finally {
    scope = previous;
  }
}

function current() {
  if (!scope) throw new Error('next-request: call this inside asRequest()');
  return scope;
}

// ---- next/headers
export async function headers(): Promise<Headers> {
  return current().headers;
}

export async function cookies() {
  const { browser } = current();
  return {
    getAll: () => [...browser.jar].map(([name, value]) => ({ name, value })),
    get: (name: string) => (browser.jar.has(name) ? { name, value: browser.jar.get(name)! } : undefined),
    has: (name: string) => browser.jar.has(name),
    set(name: string, value: string, options?: { maxAge?: number; expires?: Date }) {
      const expired = options?.maxAge === 0 || (options?.expires && options.expires.getTime() <= Date.now());
      if (expired || value === '') browser.jar.delete(name);
      else browser.jar.set(name, value);
    },
    delete: (name: string) => void browser.jar.delete(name),
  };
}

// ---- next/cache: nothing is cached outside Next, so there is nothing to revalidate.
export function revalidatePath(): void {}
export function revalidateTag(): void {}

/** Where a redirect() thrown by an action or page pointed, or undefined for any other error. */
export function redirectTarget(error: unknown): string | undefined {
  const digest = (error as { digest?: unknown })?.digest;
  if (typeof digest !== 'string' || !digest.startsWith('NEXT_REDIRECT')) return undefined;
  return digest.split(';')[2];
}
