// Where to send someone after sign-in, a link or a language change: a path on this site and
// nothing else. Built on URL parsing as the browser does it, so whatever the browser would read
// as another host (tabs and newlines it strips, backslashes it turns into slashes, `//`, userinfo,
// encoded forms, schemes) cannot pass, and the result is re-serialised (safe in a Location header).
const SITE = 'https://site.invalid';

/** `value` when it is a path on this site, else `fallback`. */
export function safeNext(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  // Browsers drop or reinterpret these before parsing; none belongs in a path we built.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, SITE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/..//host` normalises to `//host`, which a browser reads as another host.
  if (url.origin !== SITE || path.startsWith('//')) return fallback;
  return path;
}
