// Links in emails: always on the configured site URL (lib/env.ts), whatever host the request
// that triggered the email named, so a forged Host or X-Forwarded-Host cannot aim them elsewhere.
import { siteUrl } from '@/lib/env';

/** An absolute link to `path` (with its query) on this site. */
export function emailLink(path: string): string {
  return new URL(path, siteUrl()).toString();
}
