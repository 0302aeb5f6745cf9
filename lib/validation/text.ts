// Control characters in names and free text, checked before the database does (public.is_clean_text
// refuses the same): single-line fields take none, multi-line fields keep line breaks only. NUL is
// included here although Postgres text cannot hold it, so it gets this message instead of a driver error.
import { z } from 'zod';
import type { MessageKey } from '@/lib/i18n/catalogue';

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
