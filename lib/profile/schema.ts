// The business profile form, checked on the server. Field names are the camelCase of the column
// (or of its constraint), so a CHECK constraint the database raises lands on the same field.
import { z } from 'zod';
import { optionalAmountOre, optionalPhone, optionalSwedishPostcode } from '@/lib/validation/fields';
import { identifierMessage } from '@/lib/validation/identifiers';
import { invoiceText, isSingleLine, SINGLE_LINE_MESSAGE } from '@/lib/validation/text';
import { IDENTIFIER_FIELDS, type IdentifierField } from './identifier-fields';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .refine(isSingleLine, SINGLE_LINE_MESSAGE)
    .transform(invoiceText())
    .optional()
    .transform((v) => (v ? v : null));

const identifier = (field: IdentifierField) =>
  z
    .string()
    .optional()
    .transform((input, ctx) => {
      if (!input?.trim()) return null;
      const { kind, check } = IDENTIFIER_FIELDS[field];
      const result = check(input);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: identifierMessage(kind, result.reason) });
      return z.NEVER;
    });

/** What send_invoice() needs of the seller, asked for before onboarding finishes. */
const NEEDED_FOR_INVOICE = ['orgNumber', 'vatNumber', 'addressLine1', 'postalCode', 'city'] as const;

export const profileSchema = z
  .object({
    legalName: z
      .string()
      .trim()
      .min(1, 'profile.errors.legalNameRequired')
      .max(200, 'validation.tooLong')
      .refine(isSingleLine, SINGLE_LINE_MESSAGE)
      .transform(invoiceText()),
    orgNumber: identifier('orgNumber'),
    vatNumber: identifier('vatNumber'),
    // A checkbox on the profile page ('on' or absent); onboarding asks yes ('on') or no ('off').
    fSkatt: z.string().optional(),
    addressLine1: text(200),
    addressLine2: text(200),
    postalCode: optionalSwedishPostcode(),
    city: text(100),
    email: z
      .string()
      .trim()
      .max(320, 'validation.tooLong')
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(z.union([z.null(), z.email({ error: 'validation.email' })])),
    phone: optionalPhone(),
    bankgiro: identifier('bankgiro'),
    plusgiro: identifier('plusgiro'),
    iban: identifier('iban'),
    bic: identifier('bic'),
    paymentTerms: z
      .string()
      .trim()
      .regex(/^[0-9]{1,3}$/, 'profile.errors.paymentTerms')
      .transform(Number)
      .pipe(z.number().max(365, 'profile.errors.paymentTerms')),
    hourlyRate: optionalAmountOre(),
    /** Set by the onboarding form: finishing it is remembered. */
    onboarding: z
      .string()
      .optional()
      .transform((v) => v === '1'),
  })
  // Run even when other fields failed, so the form names everything onboarding still needs at
  // once; a field that failed already keeps its own message.
  .superRefine(
    (profile, ctx) => {
      if (!profile.onboarding) return;
      const failed = new Set(ctx.issues.map((issue) => issue.path?.[0]));
      const need = (field: keyof typeof profile, missing: boolean, message: string) => {
        if (missing && !failed.has(field)) ctx.addIssue({ code: 'custom', path: [field], message });
      };
      for (const field of NEEDED_FOR_INVOICE) need(field, profile[field] === null, 'profile.errors.neededForInvoice');
      need('fSkatt', profile.fSkatt !== 'on' && profile.fSkatt !== 'off', 'profile.errors.fSkattChoose');
      const payment = ['bankgiro', 'plusgiro', 'iban'] as const;
      need(
        'bankgiro',
        payment.every((field) => profile[field] === null && !failed.has(field)),
        'profile.errors.paymentNeeded',
      );
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  .transform((profile) => ({ ...profile, fSkatt: profile.fSkatt === 'on' }));

export type ProfileInput = z.output<typeof profileSchema>;
