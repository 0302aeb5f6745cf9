// GET /.well-known/security.txt: see lib/security/security-txt.ts.
import { siteUrl } from '@/lib/env';
import { securityContactFromEnv } from '@/lib/legal/operator';
import { securityTxt } from '@/lib/security/security-txt';

export const dynamic = 'force-dynamic';

export function GET() {
  return new Response(securityTxt(securityContactFromEnv(), siteUrl()), {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' },
  });
}
