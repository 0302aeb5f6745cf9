// The request's language in server components and actions. The proxy negotiates it on every
// request and passes it in a request header; no locale cookie is ever set.
import { headers } from 'next/headers';
import { cache } from 'react';
import { isLocale, translator, type Locale } from './catalogue';
import { LOCALE_HEADER, negotiateLocale } from './negotiate';

export const getLocale = cache(async (): Promise<Locale> => {
  const h = await headers();
  const fromProxy = h.get(LOCALE_HEADER);
  if (isLocale(fromProxy)) return fromProxy;
  return negotiateLocale({ acceptLanguage: h.get('accept-language') });
});

export async function getTranslator() {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}
