// Next.js loads this once per server runtime: Sentry starts there (and stays off without a DSN),
// and the Node server starts stamping each request with its socket's peer address.
import * as Sentry from '@sentry/nextjs';

export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    (await import('./lib/security/peer-address')).stampPeerAddresses();
    await import('./sentry.server.config');
  }
  if (process.env.NEXT_RUNTIME === 'edge') await import('./sentry.edge.config');
}

export const onRequestError = Sentry.captureRequestError;
