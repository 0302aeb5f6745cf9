import { describe, expect, it } from 'vitest';
import { catalogues, isMessageKey, LOCALES, translator } from '@/lib/i18n/catalogue';
import { fromAcceptLanguage, negotiateLocale } from '@/lib/i18n/negotiate';
import { en } from '@/lib/i18n/messages/en';
import { sv } from '@/lib/i18n/messages/sv';

function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const svLeaves = leaves(sv);

  it.each(LOCALES)('%s has exactly the Swedish keys, none empty, same placeholders', (locale) => {
    const other = leaves(catalogues[locale]);
    expect([...other.keys()].sort()).toEqual([...svLeaves.keys()].sort());
    for (const [key, text] of other) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(svLeaves.get(key)!));
    }
  });

  it('English is actually translated', () => {
    const enLeaves = leaves(en);
    const same = [...enLeaves].filter(([k, v]) => svLeaves.get(k) === v).map(([k]) => k);
    // Brand names and the language names themselves are the same in both.
    expect(same.every((k) => /^(meta\.title|brand\.name|language\.(sv|en)|auth\.email)$/.test(k) || k.startsWith('language.'))).toBe(true);
  });

  it('translates with parameters and knows its keys', () => {
    expect(translator('sv')('auth.signup.checkEmail', { email: 'a@b.se' })).toContain('a@b.se');
    expect(translator('en')('nav.invoices')).toBe('Invoices');
    expect(isMessageKey('nav.invoices')).toBe(true);
    expect(isMessageKey('nav')).toBe(false);
    expect(isMessageKey('nope.nothing')).toBe(false);
  });
});

describe('language negotiation', () => {
  it('prefers the saved choice, then ?lang, then Accept-Language, then Swedish', () => {
    expect(negotiateLocale({ userLocale: 'en', langParam: 'sv', acceptLanguage: 'sv' })).toBe('en');
    expect(negotiateLocale({ userLocale: 'xx', langParam: 'en', acceptLanguage: 'sv' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'de-DE,en;q=0.8,sv;q=0.5' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'fr,de' })).toBe('sv');
    expect(negotiateLocale({})).toBe('sv');
  });

  it('reads Accept-Language quality values', () => {
    expect(fromAcceptLanguage('en;q=0.3, sv-SE;q=0.9')).toBe('sv');
    expect(fromAcceptLanguage('en;q=0, sv;q=0.1')).toBe('sv');
    expect(fromAcceptLanguage('garbage;;q=x')).toBeUndefined();
    expect(fromAcceptLanguage(null)).toBeUndefined();
  });
});
