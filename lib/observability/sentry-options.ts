// One set of Sentry options for the client, server and edge runtimes. Off without a DSN; never
// personal data (sendDefaultPii false, and every event, transaction and breadcrumb scrubbed).
import { scrubBreadcrumb, scrubEvent } from './scrub';

export function sentryOptions(dsn: string | undefined) {
  return {
    dsn,
    enabled: Boolean(dsn),
    sendDefaultPii: false,
    tracesSampleRate: 0.1,
    beforeSend: <T extends object>(event: T) => scrubEvent(event),
    beforeSendTransaction: <T extends object>(event: T) => scrubEvent(event),
    beforeBreadcrumb: <T extends object>(breadcrumb: T) => scrubBreadcrumb(breadcrumb),
  };
}
