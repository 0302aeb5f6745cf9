// `next dev` compiles a page on its first request (10–20 s on a laptop), so a newcomer's first
// clicks landed on blank pages. The run command requests the main routes once, signed in as the demo
// user where there is one, before it prints the URL. Best effort: a route that fails or is slow is
// skipped, and nothing here can stop the app.
import { createServerClient } from '@supabase/ssr';
import { sessionCookieOptions } from '../lib/supabase/cookies';

/** Pages anyone sees first. */
export const PUBLIC_ROUTES = ['/login', '/signup', '/forgot-password', '/legal/privacy'];
/** The owner's main pages, requested with the demo user's session. */
export const SIGNED_IN_ROUTES = ['/', '/karta', '/tid', '/tid/vecka', '/fakturor', '/fakturor/ny', '/import', '/profil', '/valkommen'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the app answers at all (the first answer compiles /login); false after `timeoutMs`. */
export async function waitForApp(appUrl: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${appUrl}/login`, { redirect: 'manual', signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
      await res.arrayBuffer();
      return true;
    } catch {
      await sleep(250);
    }
  }
  return false;
}

/**
 * Signs in as @supabase/ssr does in the app: the session cookies as one Cookie header, and how to end
 * that one session afterwards (scope local: the user's other sessions stay). Undefined when sign-in fails.
 */
async function signIn(supabaseUrl: string, anonKey: string, email: string, password: string) {
  const jar = new Map<string, string>();
  const client = createServerClient(supabaseUrl, anonKey, {
    cookieOptions: sessionCookieOptions,
    auth: { detectSessionInUrl: false },
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
  });
  const { error } = await client.auth.signInWithPassword({ email, password });
  if (error || jar.size === 0) return undefined;
  return {
    cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
    signOut: () => client.auth.signOut({ scope: 'local' }),
  };
}

export interface WarmUpOptions {
  appUrl: string;
  /** The Auth API and key, and the demo account to sign in as; without them only public pages are warmed. */
  auth?: { supabaseUrl: string; anonKey: string; email: string; password: string };
  /** Per request; a page that takes longer is left to compile on its own. */
  requestTimeoutMs?: number;
}

/** Requests each route once, one after another; returns the routes that answered below 500. */
export async function warmUp({ appUrl, auth, requestTimeoutMs = 90_000 }: WarmUpOptions): Promise<string[]> {
  const session = auth ? await signIn(auth.supabaseUrl, auth.anonKey, auth.email, auth.password).catch(() => undefined) : undefined;
  const cookie = session?.cookie;
  const routes: [string, string | undefined][] = [
    ...PUBLIC_ROUTES.map((r): [string, undefined] => [r, undefined]),
    ...(cookie ? SIGNED_IN_ROUTES.map((r): [string, string] => [r, cookie]) : []),
  ];
  const warmed: string[] = [];
  for (const [route, withCookie] of routes) {
    try {
      const res = await fetch(`${appUrl}${route}`, {
        redirect: 'manual',
        headers: withCookie ? { cookie: withCookie } : {},
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      await res.arrayBuffer();
      if (res.status < 500) warmed.push(route);
    } catch {
      // Slow or failing: that page compiles on its first real visit instead.
    }
  }
  await session?.signOut().catch(() => undefined);
  return warmed;
}
