// Picks the language: a signed-in user's saved choice, else ?lang=, else Accept-Language, else Swedish.
import { DEFAULT_LOCALE, isLocale, type Locale } from './catalogue';

export const LOCALE_HEADER = 'x-konsult-locale';

export function fromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) if (isLocale(entry.lang)) return entry.lang;
  return undefined;
}

export function negotiateLocale(input: { userLocale?: unknown; langParam?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(input.userLocale)) return input.userLocale;
  if (isLocale(input.langParam)) return input.langParam;
  return fromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LOCALE;
}
