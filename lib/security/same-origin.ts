// The one cross-site request guard: proxy.ts applies it to every request that may change state
// (any method but GET, HEAD and OPTIONS), so every route handler, and every server action on top
// of Next's own check, refuses a request another site made the browser send. SameSite=Lax already
// keeps the session cookie off most of those; this holds where Lax does not (same-site
// subdomains, top-level POSTs in older browsers, a cookie set without it).
import { siteUrl } from '@/lib/env';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Whether the request comes from this site: its Origin is the configured SITE_URL or the host it
 * was sent to (the Host header, which a page on another site cannot set). Browsers send Origin on
 * every state-changing request; without one, only the browser's own Sec-Fetch-Site: same-origin
 * vouches for it, so a client that sends neither is refused.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin') return false;
  if (!origin || origin === 'null') return fetchSite === 'same-origin';
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false;
  }
  return from.origin === siteUrl() || from.host === request.headers.get('host');
}
