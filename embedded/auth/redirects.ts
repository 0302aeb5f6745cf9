// Where Auth may send a browser with tokens in the URL: the site itself or an address listed in
// config.toml's additional_redirect_urls, nothing else (not even another port on this machine).
import type { AuthContext } from './context';

function withoutQuery(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** The redirect as asked when allowed, else the site URL, as GoTrue's allow list falls back. */
export function allowedRedirect(ctx: AuthContext, redirectTo: string | null | undefined): string {
  if (!redirectTo) return ctx.siteUrl;
  let url: URL;
  try {
    url = new URL(redirectTo);
  } catch {
    return ctx.siteUrl;
  }
  if (url.origin === new URL(ctx.siteUrl).origin) return url.toString();
  const listed = ctx.settings.redirectUrls.some((allowed) => URL.canParse(allowed) && withoutQuery(new URL(allowed)) === withoutQuery(url));
  return listed ? url.toString() : ctx.siteUrl;
}

/** The app path a confirmation link goes on to: `next` of an allowed /auth/confirm redirect, else `/`. */
export function nextPathOf(redirectTo: string): string {
  const url = new URL(redirectTo);
  const next = url.pathname === '/auth/confirm' ? url.searchParams.get('next') : url.pathname;
  return next && /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : '/';
}
