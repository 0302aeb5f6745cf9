// The app over plain HTTP: redirects, language negotiation without cookies, email-link handling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';

describe('app over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.appUrl}${path}`, { redirect: 'manual', headers });
  const htmlLang = (html: string) => /<html[^>]*\blang="([a-z]+)"/.exec(html)?.[1];

  it('redirects signed-out visitors from app pages to /login, keeping ?lang', async () => {
    const home = await get('/');
    expect(home.status).toBe(303);
    expect(new URL(home.headers.get('location')!, app.appUrl).pathname).toBe('/login');
    const invoices = await get('/fakturor?lang=en');
    const target = new URL(invoices.headers.get('location')!, app.appUrl);
    expect(target.pathname).toBe('/login');
    expect(target.searchParams.get('next')).toBe('/fakturor');
    expect(target.searchParams.get('lang')).toBe('en');
    const reset = await get('/reset-password');
    expect(new URL(reset.headers.get('location')!, app.appUrl).pathname).toBe('/login');
  });

  it('negotiates the language: ?lang, then Accept-Language, then Swedish; never sets a cookie', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['/login', {}, 'sv'],
      ['/login', { 'accept-language': 'en-GB,en;q=0.9' }, 'en'],
      ['/login?lang=sv', { 'accept-language': 'en-GB,en;q=0.9' }, 'sv'],
      ['/signup?lang=en', {}, 'en'],
      ['/legal/privacy', { 'accept-language': 'de, fr' }, 'sv'],
    ];
    for (const [path, headers, lang] of cases) {
      const res = await get(path, headers);
      expect(res.status, path).toBe(200);
      expect(htmlLang(await res.text()), `${path} ${JSON.stringify(headers)}`).toBe(lang);
      expect(res.headers.getSetCookie(), path).toEqual([]);
    }
  });

  it('sends bad or expired email links to /login with a message', async () => {
    for (const path of [
      '/auth/confirm?token_hash=forged&type=recovery&next=/reset-password',
      '/auth/confirm?type=recovery',
      '/auth/confirm?token_hash=x&type=bogus',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(303);
      const target = new URL(res.headers.get('location')!, app.appUrl);
      expect(target.pathname).toBe('/login');
      expect(target.searchParams.get('error')).toBe('link_invalid');
    }
    const page = await get('/login?error=link_invalid');
    expect(await page.text()).toContain('Länken är ogiltig eller har gått ut.');
    // Unknown codes show nothing: a link cannot put its own text on the page.
    expect(await (await get('/login?error=%3Cb%3Ehi%3C%2Fb%3E')).text()).not.toContain('&lt;b&gt;hi');
  });

  it('keeps a valid link on this site whatever `next` says', async () => {
    const client = app.standIn.client();
    const email = `http-${Date.now().toString(36)}@example.test`;
    const { error } = await client.auth.signUp({ email, password: 'ett-bra-lösenord' });
    expect(error).toBeNull();
    await client.auth.resetPasswordForEmail(email);
    const link = new URL(app.standIn.outbox.list(email).at(-1)!.links[0]);
    link.searchParams.set('next', '//evil.example/steal');
    const res = await get(`${link.pathname}${link.search}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${app.appUrl}/`);
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => /^sb-[^=]+-auth-token/.test(c))).toBe(true);
    for (const c of cookies) expect(c).toMatch(/HttpOnly/i);
  });

  it('sends security headers', async () => {
    const res = await get('/login');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
