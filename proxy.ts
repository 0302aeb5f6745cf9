// Runs before every page, action and route handler: refuses state-changing requests from other
// sites, refreshes the Supabase session (getClaims verifies the token and rotates it when due),
// negotiates the language, keeps signed-out visitors out of the app, and sets the
// Content-Security-Policy with a fresh nonce.
import { NextResponse, type NextRequest } from 'next/server';
import { translator } from '@/lib/i18n/catalogue';
import { LOCALE_HEADER, negotiateLocale } from '@/lib/i18n/negotiate';
import { contentSecurityPolicy, createNonce, NONCE_HEADER } from '@/lib/security/csp';
import { changesState, isSameOrigin } from '@/lib/security/same-origin';
import { updateSession, withSessionCookies } from '@/lib/supabase/proxy';

/** Pages anyone may open. */
const PUBLIC = [/^\/login$/, /^\/signup$/, /^\/forgot-password$/, /^\/auth\//, /^\/legal(\/|$)/, /^\/invite$/, /^\/\.well-known\//];
/** Routes that stream a stored file and send its own stricter policy (lib/files/content-type.ts). */
const FILE_ROUTES = [/^\/profil\/logotyp$/, /^\/api\/invoices\/[^/]+\/pdf$/, /^\/api\/exports\/invoices\/[^/]+\/pdf$/];
/** Pages that make no sense once signed in. */
const SIGNED_OUT_ONLY = [/^\/login$/, /^\/signup$/];

export async function proxy(request: NextRequest) {
  // On the request so Next.js puts the nonce on its own scripts; on the response for the browser.
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', sentryDsn: process.env.NEXT_PUBLIC_SENTRY_DSN });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = changesState(request.method) && !isSameOrigin(request) ? refuseCrossSite(request) : await route(request, requestHeaders);
  if (!FILE_ROUTES.some((re) => re.test(request.nextUrl.pathname))) response.headers.set('content-security-policy', csp);
  return response;
}

/** 403 before anything runs: no session refresh, no handler, no action. */
function refuseCrossSite(request: NextRequest) {
  const t = translator(negotiateLocale({ acceptLanguage: request.headers.get('accept-language') }));
  return NextResponse.json({ error: t('errors.forbidden') }, { status: 403 });
}

async function route(request: NextRequest, requestHeaders: Headers) {
  const { pathname, searchParams } = request.nextUrl;
  const { claims, cookies } = await updateSession(request, requestHeaders);

  const userMeta = claims?.user_metadata as Record<string, unknown> | undefined;
  const lang = searchParams.get('lang');
  const locale = negotiateLocale({ userLocale: userMeta?.locale, langParam: lang, acceptLanguage: request.headers.get('accept-language') });
  requestHeaders.set(LOCALE_HEADER, locale);

  const isPublic = PUBLIC.some((re) => re.test(pathname));
  if (!claims && !isPublic) {
    const url = request.nextUrl.clone();
    url.pathname = '/login';
    url.search = '';
    if (pathname !== '/') url.searchParams.set('next', pathname);
    if (lang) url.searchParams.set('lang', lang);
    return withSessionCookies(cookies, NextResponse.redirect(url, 303));
  }
  if (claims && SIGNED_OUT_ONLY.some((re) => re.test(pathname)) && request.method === 'GET') {
    const url = request.nextUrl.clone();
    url.pathname = '/';
    url.search = '';
    return withSessionCookies(cookies, NextResponse.redirect(url, 303));
  }
  return withSessionCookies(cookies, NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = {
  // Static files skip the proxy, except under /api, where a name like bild.png is a route handler.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|woff2?)$).*)', '/api/:path*'],
};
