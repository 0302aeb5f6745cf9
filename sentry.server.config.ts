// Sentry in the Node.js server runtime: stack traces only (see lib/observability/scrub.ts).
import * as Sentry from '@sentry/nextjs';
import { sentryOptions } from '@/lib/observability/sentry-options';

Sentry.init(sentryOptions(process.env.SENTRY_DSN));
