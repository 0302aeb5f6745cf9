// Next.js loads this in the browser before the app: Sentry's client config.
import './sentry.client.config';
