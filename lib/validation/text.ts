// Text the database can store. Postgres refuses the NUL character in text (SQLSTATE 22021), so it
// is refused here, at the field, with a message; lib/db/constraint-messages.ts maps the database's
// own refusal too, for any path that gets past a schema.
import { z } from 'zod';

/** Whether Postgres can store the string as text. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000');
}

/** A string field that refuses what Postgres cannot store. */
export const text = () => z.string({ error: 'validation.invalid' }).refine(isStorableText, 'db.invalidCharacters');
