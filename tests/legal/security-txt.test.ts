// Finding 15 (part) of the security review: there was no /.well-known/security.txt. It is served
// per RFC 9116 (Contact, Expires, Preferred-Languages, Canonical, Policy), its contact and expiry
// from the operator's configuration, its policy the security page, which links back to it; and
// signed-out visitors (and scanners) reach it.
import type { NextRequest } from 'next/server';
import { NextRequest as Request_ } from 'next/server';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/.well-known/security.txt/route';
import { LEGAL_SLUGS, loadLegalDocument } from '@/lib/legal/documents';
import { securityContactFromEnv } from '@/lib/legal/operator';
import { proxy } from '@/proxy';
import { TEST_OPERATOR_ENV } from '../support/app';
import { repoRoot } from '../support/paths';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function fields(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) {
    const [, name, value] = /^([A-Za-z-]+): (.+)$/.exec(line) ?? [];
    expect(name, line).toBeTruthy();
    (out[name.toLowerCase()] ??= []).push(value);
  }
  return out;
}

describe('finding 15: /.well-known/security.txt', () => {
  it('has the RFC 9116 fields, contact and expiry from the operator’s configuration', async () => {
    Object.assign(process.env, TEST_OPERATOR_ENV, { SITE_URL: 'https://app.example.se', OPERATOR_SECURITY_EXPIRES: '2027-06-30T00:00:00Z' });
    const res = GET();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const f = fields(await res.text());
    expect(f.contact).toEqual([`mailto:${TEST_OPERATOR_ENV.OPERATOR_EMAIL}`]);
    expect(f.expires).toEqual(['2027-06-30T00:00:00Z']);
    expect(f['preferred-languages']).toEqual(['sv, en']);
    expect(f.canonical).toEqual(['https://app.example.se/.well-known/security.txt']);
    expect(f.policy).toHaveLength(1);
    const policy = new URL(f.policy[0]);
    expect(policy.origin).toBe('https://app.example.se');
    expect(policy.pathname).toBe('/legal/security');
    expect(LEGAL_SLUGS).toContain('security');
  });

  it('expires within a year when the operator sets no date, and refuses a date that is not one', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const { expires } = securityContactFromEnv({ ...TEST_OPERATOR_ENV, NODE_ENV: 'test' }, now);
    expect(expires.getTime()).toBeGreaterThan(now.getTime());
    expect(expires.getTime() - now.getTime()).toBeLessThan(365 * 86_400_000);
    expect(() => securityContactFromEnv({ ...TEST_OPERATOR_ENV, NODE_ENV: 'test', OPERATOR_SECURITY_EXPIRES: 'snart' })).toThrow(/OPERATOR_SECURITY_EXPIRES/);
  });

  it('the security page links to it in both languages', () => {
    for (const locale of ['sv', 'en'] as const) {
      const doc = loadLegalDocument('security', locale, { name: 'X', email: 'sakerhet@exempel.test', orgNumber: '1', hostingRegion: 'EU' }, path.join(repoRoot, 'legal'));
      expect(doc.html, locale).toContain('href="/.well-known/security.txt"');
      expect(doc.html, locale).toContain('sakerhet@exempel.test');
    }
  });

  it('signed-out visitors reach it (the proxy does not send them to /login)', async () => {
    Object.assign(process.env, { NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:9', NEXT_PUBLIC_SUPABASE_ANON_KEY: 'eyJhbGciOiJFUzI1NiJ9.anon-key-for-tests', DATABASE_URL: 'postgresql://x@127.0.0.1:9/x' });
    const res = await proxy(new Request_('https://app.example.se/.well-known/security.txt') as NextRequest);
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
  });
});
