// Control characters in names and free text, checked before the database does (public.is_clean_text
// refuses the same): single-line fields take none, multi-line fields keep line breaks only. NUL is
// included here although Postgres text cannot hold it, so it gets this message instead of a driver error.
import { z } from 'zod';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { INVOICE_FONT_RANGES } from '@/lib/invoices/pdf/font-coverage';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

export const SINGLE_LINE_MESSAGE = 'db.textControlCharacters' satisfies MessageKey;
export const MULTI_LINE_MESSAGE = 'db.multilineControlCharacters' satisfies MessageKey;

/** True when the text may stand in a single-line field (a name, an address line, a line description). */
export const isSingleLine = (value: string | null | undefined) => !value || !CONTROL.test(value);

/** True when the text may stand in a multi-line field (a note, the invoice message). */
export const isMultiLine = (value: string | null | undefined) => !value || !CONTROL_BUT_LINE_BREAKS.test(value);

/** Text from elsewhere (an imported document) made single-line: each run of control characters becomes one space. */
export const toSingleLine = (value: string) => value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();

/** Text from elsewhere made multi-line-clean: controls other than line breaks become spaces. */
export const toMultiLine = (value: string) => value.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');

/**
 * Whether Postgres can store the string as text at all: it refuses NUL (SQLSTATE 22021). The
 * action wrapper checks every field with it; lib/db/constraint-messages.ts maps the database's own
 * refusal for any path that gets past a schema.
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000');
}

/** A string field that refuses what Postgres cannot store (fields with no stricter rule above). */
export const text = () => z.string({ error: 'validation.invalid' }).refine(isStorableText, 'db.invalidCharacters');

// Text that reaches an invoice PDF (names and addresses of both parties, line descriptions and
// units, references, the message, the seller's contact and payment details, the footer) must be
// drawable by the embedded invoice font: a character outside it (CJK, emoji, ƀ) would be drawn in
// a fallback font or as a box on a legal document. public.is_invoice_printable() refuses the same.
const hex = (n: number) => n.toString(16).padStart(4, '0');
const FONT_CLASS = INVOICE_FONT_RANGES.map(([a, z]) => `\\u{${hex(a)}}-\\u{${hex(z)}}`).join('');
const NOT_PRINTABLE = new RegExp(`[^${FONT_CLASS}]`, 'gu');

export const PRINTABLE_MESSAGE = 'db.invoiceFontCharacters' satisfies MessageKey;

/**
 * The characters of the text that the invoice font cannot draw, each once and in order (after
 * composing decomposed letters: a typed "å" may arrive as "a" + combining ring). Control
 * characters, line breaks included, are the clean-text rule's to judge.
 */
export function unprintableCharacters(value: string | null | undefined): string[] {
  if (!value) return [];
  const found = value.normalize('NFC').match(NOT_PRINTABLE) ?? [];
  return [...new Set(found)].filter((c) => !CONTROL.test(c));
}

/**
 * A zod transform for a field that reaches the invoice PDF: composes decomposed letters (the
 * database stores what the invoice prints) and refuses, naming them, the characters the invoice
 * font cannot draw.
 */
export function invoiceText() {
  return <T extends string | null | undefined>(value: T, ctx: z.RefinementCtx): T => {
    if (typeof value !== 'string') return value;
    const characters = unprintableCharacters(value);
    if (characters.length > 0) ctx.addIssue({ code: 'custom', message: PRINTABLE_MESSAGE, params: { characters: characters.join(' ') } });
    return value.normalize('NFC') as T;
  };
}

/**
 * Text from elsewhere (an imported document) made single-line and printable on an invoice: the
 * characters the font cannot draw are left out. A lone surrogate is not a character at all and
 * stays for the database to refuse, as before.
 */
export const toInvoiceLine = (value: string) =>
  toSingleLine(value)
    .normalize('NFC')
    .replace(NOT_PRINTABLE, (c) => (/^[\ud800-\udfff]$/.test(c) ? c : ''))
    .trim();
