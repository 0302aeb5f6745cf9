// Security headers, cookies and methods against the running app: HSTS, a CSP whose nonce is
// fresh per request and carried by every script, frame-ancestors 'none', nosniff, Referrer- and
// Permissions-Policy, no X-Powered-By; only sb- session cookies (HttpOnly, SameSite=Lax); no
// state change on GET; the export refuses other origins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';

describe('privacy and security over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
  });

  const get = (path: string, init: RequestInit = {}) => fetch(`${app.appUrl}${path}`, { redirect: 'manual', ...init });
  const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

  /** A signed-in session's cookies, through the email-link route (what a browser would get). */
  async function signedInCookies(): Promise<string[]> {
    const client = app.standIn.client();
    const email = `headers-${Date.now().toString(36)}@example.test`;
    expect((await client.auth.signUp({ email, password: 'ett-bra-lösenord' })).error).toBeNull();
    await client.auth.resetPasswordForEmail(email);
    const link = new URL(app.standIn.outbox.list(email).at(-1)!.links[0]);
    const res = await get(`${link.pathname}${link.search}`);
    return res.headers.getSetCookie();
  }

  it('sends HSTS, nosniff, Referrer-Policy, Permissions-Policy, and no X-Powered-By', async () => {
    for (const path of ['/login', '/legal/privacy', '/']) {
      const res = await get(path);
      expect(res.headers.get('strict-transport-security'), path).toMatch(/max-age=\d{8,}; includeSubDomains/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('permissions-policy'), path).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
  });

  it('sends a CSP with a fresh nonce per request that every script on the page carries', async () => {
    const first = await get('/login');
    const second = await get('/login');
    const csp = first.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const nonce = nonceOf(csp)!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(nonceOf(second.headers.get('content-security-policy'))).not.toBe(nonce);

    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
  });

  it('sets only the sb- session cookies, HttpOnly and SameSite=Lax', async () => {
    expect((await get('/login')).headers.getSetCookie()).toEqual([]);
    const cookies = await signedInCookies();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^sb-[a-z0-9-]+-auth-token(\.\d+)?=/);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Secure/i); // NODE_ENV=production, as the test app runs
    }
  });

  it('changes nothing on GET: the export and sign-out answer only POST', async () => {
    const cookie = (await signedInCookies()).map((c) => c.split(';')[0]).join('; ');
    const viaGet = await get('/profil/data/export?format=json', { headers: { cookie } });
    expect(viaGet.status).toBe(405);
    const foreign = await get('/profil/data/export', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'format=json',
    });
    expect(foreign.status).toBe(403);
    const own = await get('/profil/data/export', {
      method: 'POST',
      headers: { cookie, origin: app.appUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'format=json',
    });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toMatch(/^attachment; filename="konsultverkstad-\d{4}-\d{2}-\d{2}\.json"$/);
    expect((await own.json()).format).toBe('konsultverkstad-export/1');
  });
});
