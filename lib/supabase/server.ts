// A Supabase client for one request (server components, server actions, route handlers). Used for
// Auth only: data goes over SQL through lib/db/transaction.ts.
import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';
import { serverEnv } from '@/lib/env';
import { sessionCookieOptions } from './cookies';

export async function createClient() {
  const env = serverEnv();
  const cookieStore = await cookies();
  return createServerClient(env.supabaseUrl, env.supabaseAnonKey, {
    cookieOptions: sessionCookieOptions,
    auth: { detectSessionInUrl: false },
    cookies: {
      getAll() {
        return cookieStore.getAll();
      },
      setAll(cookiesToSet) {
        try {
          for (const { name, value, options } of cookiesToSet) cookieStore.set(name, value, { ...options, ...sessionCookieOptions });
        } catch {
          // Server components cannot set cookies; the proxy refreshes the session on every request.
        }
      },
    },
  });
}
