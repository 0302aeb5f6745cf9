// Form schemas of two-factor sign-in (the second step, adding and removing an authenticator app).
// Messages are catalogue keys; the action wrapper translates them.
import { z } from 'zod';
import { isSingleLine, SINGLE_LINE_MESSAGE } from '@/lib/validation/text';
import { nextPath } from './schemas';

/** Six digits; spaces some apps show in the middle ("123 456") are dropped. */
const totpCode = z
  .string({ error: 'mfa.code.format' })
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'mfa.code.format'));

const factorId = z.uuid({ error: 'validation.invalid' });

export const secondStepSchema = z.object({ factorId, code: totpCode, next: nextPath });

export const enrolSchema = z.object({
  name: z
    .string({ error: 'mfa.settings.nameRequired' })
    .trim()
    .min(1, 'mfa.settings.nameRequired')
    .max(60, 'validation.tooLong')
    .refine(isSingleLine, SINGLE_LINE_MESSAGE),
});

export const confirmEnrolmentSchema = z.object({ factorId, code: totpCode });

export const removeFactorSchema = z.object({ factorId, code: totpCode });

export const accountantsSecondFactorSchema = z.object({ required: z.enum(['true', 'false']).transform((v) => v === 'true') });
