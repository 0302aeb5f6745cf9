// Session refresh for proxy.ts: verifies the access token (refreshing it when due) and carries any
// rotated cookies onto the response.
import { createServerClient } from '@supabase/ssr';
import { NextResponse, type NextRequest } from 'next/server';
import { verifySession } from '@/lib/auth/verified-claims';
import { serverEnv } from '@/lib/env';
import { sessionCookieOptions } from './cookies';

/**
 * Verifies the session. Rotated cookies land on `cookies` (copy them onto whatever response is
 * returned) and in `requestHeaders`, so this request's render already sees the new session.
 */
export async function updateSession(request: NextRequest, requestHeaders: Headers) {
  const env = serverEnv();
  const cookies = NextResponse.next();
  const supabase = createServerClient(env.supabaseUrl, env.supabaseAnonKey, {
    cookieOptions: sessionCookieOptions,
    auth: { detectSessionInUrl: false },
    cookies: {
      getAll() {
        return request.cookies.getAll();
      },
      setAll(cookiesToSet, headers) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        requestHeaders.set('cookie', request.headers.get('cookie') ?? '');
        for (const { name, value, options } of cookiesToSet) cookies.cookies.set(name, value, { ...options, ...sessionCookieOptions });
        for (const [key, value] of Object.entries(headers)) cookies.headers.set(key, value);
      },
    },
  });
  return { claims: await verifySession(supabase), cookies };
}

/** Copies session cookies set during refresh onto a redirect, so a rotation is never lost. */
export function withSessionCookies(from: NextResponse, to: NextResponse) {
  for (const cookie of from.cookies.getAll()) to.cookies.set(cookie);
  for (const name of ['cache-control', 'expires', 'pragma']) {
    const value = from.headers.get(name);
    if (value) to.headers.set(name, value);
  }
  return to;
}
