// The Content-Security-Policy, with a fresh nonce per request: scripts run only when they carry
// it (Next.js adds it to its own scripts when it finds the policy on the request), nothing may
// frame the app, forms post only to it.
export const NONCE_HEADER = 'x-nonce';

export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export function contentSecurityPolicy(nonce: string, options: { dev: boolean; sentryDsn?: string }): string {
  let sentryOrigin = '';
  try {
    if (options.sentryDsn) sentryOrigin = new URL(options.sentryDsn).origin;
  } catch {
    // an unparsable DSN sends nothing anyway
  }
  const directives = [
    `default-src 'self'`,
    // Dev mode's hot reload evaluates code; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'${sentryOrigin ? ` ${sentryOrigin}` : ''}${options.dev ? ' ws:' : ''}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ];
  return directives.join('; ');
}
