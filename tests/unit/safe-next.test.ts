// Finding 6 of the security review: `/login?next=%2F%09%2Fevil.example` ended on evil.example (the
// check missed a tab). safeNext() is the one check for every `next`/redirect parameter; here it
// meets a corpus of known open-redirect bypasses and a property: whatever comes in, what comes
// out is a path on this site that a browser cannot read as another host.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextPath } from '@/lib/auth/schemas';
import { safeNext } from '@/lib/security/safe-next';

const SITE = 'https://app.example.se';

/** Everything a browser does to a Location value before it goes there. */
function whereBrowserGoes(location: string): string {
  // WHATWG URL: strips leading/trailing C0 controls and space, removes tabs and newlines anywhere,
  // and treats backslashes as slashes in http(s) URLs; new URL() does all of that.
  return new URL(location, SITE).origin;
}

const BYPASSES = [
  '//evil.example',
  '///evil.example',
  '////evil.example/x',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\t\t/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/ /evil.example',
  '\u0000//evil.example',
  '/\u0000/evil.example',
  '/\u001f/evil.example',
  '/./\\evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/x/../..//evil.example',
  'https://evil.example',
  'HTTPS://evil.example',
  'http:evil.example',
  'http:/evil.example',
  'https:\\\\evil.example',
  '//app.example.se@evil.example',
  'https://app.example.se@evil.example',
  'https://app.example.se.evil.example',
  '@evil.example',
  'evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '%2F%2Fevil.example',
  '%2f%2fevil.example',
  '%5C%5Cevil.example',
  '\u3002evil.example',
  '\uff0f\uff0fevil.example',
  '\u2215\u2215evil.example',
  '',
];

describe('finding 6: open redirect through next', () => {
  it('refuses every known bypass', () => {
    for (const attack of BYPASSES) {
      expect(safeNext(attack), JSON.stringify(attack)).toBe('/');
      expect(nextPath.parse(attack), JSON.stringify(attack)).toBe('/');
    }
  });

  it('keeps the app’s own paths, with their query and fragment', () => {
    expect(safeNext('/fakturor')).toBe('/fakturor');
    expect(safeNext('/invite?token=abc_-123&mode=signup')).toBe('/invite?token=abc_-123&mode=signup');
    expect(safeNext('/reset-password')).toBe('/reset-password');
    expect(safeNext('/karta#nod')).toBe('/karta#nod');
    expect(safeNext('/tid?vecka=2026-12-01')).toBe('/tid?vecka=2026-12-01');
  });

  it('encoded slashes stay encoded: a same-site path, never a host', () => {
    for (const value of [
      '/%2F%2Fevil.example',
      '/%5C%5Cevil.example',
      '/%09/evil.example',
      '/%0a/evil.example',
      '/\uff0f\uff0fevil.example',
      '/\u2215evil',
    ]) {
      const out = safeNext(value);
      expect(out.startsWith('/') && !out.startsWith('//'), value).toBe(true);
      expect(whereBrowserGoes(out), value).toBe(SITE);
    }
  });

  it('anything not a string is the fallback', () => {
    for (const value of [undefined, null, 42, ['/x'], { toString: () => '/x' }]) expect(safeNext(value)).toBe('/');
    expect(safeNext('//evil.example', '/portal')).toBe('/portal');
  });

  it('whatever comes in, the browser stays on the site and the value is safe in a header', () => {
    const piece = fc.constantFrom(
      '/',
      '\\',
      '//',
      '\t',
      '\n',
      '\r',
      ' ',
      '\u0000',
      '.',
      '..',
      '@',
      ':',
      '%2F',
      '%5C',
      '%09',
      'evil.example',
      'javascript:',
      'https:',
      '?',
      '#',
      '\u3002',
      '\uff0f',
      'å',
    );
    const crafted = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(crafted, fc.string(), fc.string({ unit: 'binary' })), (input) => {
        const out = safeNext(input);
        expect(out.startsWith('/') && !out.startsWith('//')).toBe(true);
        expect(/^[\x21-\x7e]+$/.test(out)).toBe(true); // printable ASCII only: valid in Location
        expect(whereBrowserGoes(out)).toBe(SITE);
      }),
      { numRuns: 2000, seed: 6 },
    );
  });
});
