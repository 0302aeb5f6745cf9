// The legal pages: Markdown in legal/ (`<slug>.<locale>.md`, Swedish canonical), with front matter
// (title, updated) and operator placeholders filled from configuration.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import type { Locale } from '@/lib/i18n/catalogue';
import type { Operator } from './operator';

export const LEGAL_SLUGS = ['privacy', 'terms', 'security', 'cookies', 'subprocessors'] as const;
export type LegalSlug = (typeof LEGAL_SLUGS)[number];

export interface LegalDocument {
  slug: LegalSlug;
  /** The language the text is in: the requested one, or Swedish when no translation exists. */
  locale: Locale;
  title: string;
  updated: string;
  html: string;
}

const legalDir = path.join(process.cwd(), 'legal');

export function isLegalSlug(value: string): value is LegalSlug {
  return (LEGAL_SLUGS as readonly string[]).includes(value);
}

function parseFrontMatter(source: string): { meta: Record<string, string>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) throw new Error('A legal document needs front matter with title and updated');
  const meta = Object.fromEntries(
    match[1].split('\n').map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
  return { meta, body: source.slice(match[0].length) };
}

export function fillOperator(text: string, operator: Operator): string {
  return text.replace(/\{\{\s*operator\.(\w+)\s*\}\}/g, (_, key: string) => {
    const value = (operator as unknown as Record<string, string>)[key];
    if (value === undefined) throw new Error(`Unknown placeholder operator.${key} in a legal document`);
    return value;
  });
}

export function loadLegalDocument(slug: LegalSlug, locale: Locale, operator: Operator, dir = legalDir): LegalDocument {
  const translated = path.join(dir, `${slug}.${locale}.md`);
  const actualLocale: Locale = existsSync(translated) ? locale : 'sv';
  const source = readFileSync(path.join(dir, `${slug}.${actualLocale}.md`), 'utf8');
  const { meta, body } = parseFrontMatter(source);
  if (!meta.title || !/^\d{4}-\d{2}-\d{2}$/.test(meta.updated ?? '')) {
    throw new Error(`legal/${slug}.${actualLocale}.md needs a title and an updated date (YYYY-MM-DD)`);
  }
  // The files are ours, not user input; marked renders them without raw-HTML surprises because
  // they contain none (a test keeps it that way).
  const html = marked.parse(fillOperator(body, operator), { async: false });
  return { slug, locale: actualLocale, title: meta.title, updated: meta.updated, html };
}
