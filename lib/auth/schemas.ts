// Form schemas for the auth pages. Messages are catalogue keys; the action wrapper translates them.
import { z } from 'zod';
import { isSingleLine, SINGLE_LINE_MESSAGE } from '@/lib/validation/text';
import { safeNext } from '@/lib/security/safe-next';

export const email = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(320, 'validation.tooLong')
  .pipe(z.email({ error: 'validation.email' }));
export const newPassword = z.string({ error: 'validation.required' }).min(8, 'validation.passwordMin').max(72, 'validation.passwordMax');

/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
export const nextPath = z
  .string()
  .optional()
  .transform((value) => safeNext(value));

export const signInSchema = z.object({
  email,
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required'),
  next: nextPath,
});

export const signUpSchema = z.object({
  businessName: z.string().trim().max(200, 'validation.tooLong').refine(isSingleLine, SINGLE_LINE_MESSAGE).optional().default(''),
  email,
  password: newPassword,
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ password: newPassword, confirmPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required') })
  .refine((v) => v.password === v.confirmPassword, { message: 'validation.passwordMismatch', path: ['confirmPassword'] });

export const localeSchema = z.object({ locale: z.enum(['sv', 'en']), returnTo: nextPath });

/** Profil → Säkerhet: a new password, and the emailed code when Auth asked for one. */
export const changePasswordSchema = z
  .object({
    password: newPassword,
    confirmPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required'),
    nonce: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined)
      .pipe(
        z
          .string()
          .regex(/^\d{6}$/, 'security.password.codeFormat')
          .optional(),
      ),
  })
  .refine((v) => v.password === v.confirmPassword, { message: 'validation.passwordMismatch', path: ['confirmPassword'] });

export const changeEmailSchema = z.object({ email });
