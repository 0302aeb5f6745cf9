// /.well-known/security.txt (RFC 9116): how to report a vulnerability, from the operator's
// configuration, in the languages the app speaks, pointing at the security page.
import type { SecurityContact } from '@/lib/legal/operator';

export const SECURITY_TXT_PATH = '/.well-known/security.txt';
export const SECURITY_PAGE_PATH = '/legal/security';

export function securityTxt(contact: SecurityContact, site: string): string {
  return [
    `Contact: mailto:${contact.email}`,
    `Expires: ${contact.expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    'Preferred-Languages: sv, en',
    `Canonical: ${site}${SECURITY_TXT_PATH}`,
    `Policy: ${site}${SECURITY_PAGE_PATH}`,
    '',
  ].join('\n');
}
