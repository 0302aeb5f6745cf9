// Session cookie options shared by the proxy and server components: only the sb- session cookies
// exist, HttpOnly so scripts cannot read them, Secure outside local development.
import type { CookieOptionsWithName } from '@supabase/ssr';

export const sessionCookieOptions: CookieOptionsWithName = {
  httpOnly: true,
  sameSite: 'lax',
  secure: process.env.NODE_ENV === 'production',
  path: '/',
};
