// Sentry in the browser: stack traces only (see lib/observability/scrub.ts).
import * as Sentry from '@sentry/nextjs';
import { sentryOptions } from '@/lib/observability/sentry-options';

Sentry.init(sentryOptions(process.env.NEXT_PUBLIC_SENTRY_DSN));
