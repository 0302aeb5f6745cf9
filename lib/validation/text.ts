// Control characters in names and free text, checked before the database does (public.is_clean_text
// refuses the same): single-line fields take none, multi-line fields keep line breaks only. NUL is
// included here although Postgres text cannot hold it, so it gets this message instead of a driver error.
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
