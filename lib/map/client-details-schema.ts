// The client invoicing details form, validated as the business profile is: identifiers by their
// check digits (lib/validation/identifiers.ts), money in kronor to öre. Field names are the
// camelCase the database constraint names map to, so a constraint error lands on its field.
import { z } from 'zod';
import { checkOrgNumber, checkVatNumber, identifierMessage } from '@/lib/validation/identifiers';
import { swedishPostcode } from '@/lib/validation/fields';
import { parseMoneyToOre } from '@/lib/validation/quantities';
import { invoiceText, isSingleLine, SINGLE_LINE_MESSAGE } from '@/lib/validation/text';

/** Trimmed text, empty → null. */
const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? '')
    .pipe(z.string().max(max, 'validation.tooLong').refine(isSingleLine, SINGLE_LINE_MESSAGE).transform(invoiceText()))
    .transform((v) => (v === '' ? null : v));

export const clientDetailsSchema = z
  .object({
    nodeId: z.uuid({ error: 'map.errors.notFound' }),
    name: z
      .string({ error: 'validation.required' })
      .trim()
      .min(1, 'db.clientNameLength')
      .max(200, 'db.clientNameLength')
      .refine(isSingleLine, SINGLE_LINE_MESSAGE)
      .transform(invoiceText()),
    orgNumber: optionalText(40),
    vatNumber: optionalText(20),
    addressLine1: optionalText(200),
    addressLine2: optionalText(200),
    postalCode: optionalText(20),
    city: optionalText(100),
    country: z
      .string()
      .optional()
      .transform((v) => (v ?? '').trim().toUpperCase() || 'SE')
      .pipe(z.string().regex(/^[A-Z]{2}$/, 'db.countryInvalid')),
    email: optionalText(320).pipe(z.email({ error: 'validation.email' }).nullable()),
    reverseCharge: z
      .string()
      .optional()
      .transform((v) => v === 'on' || v === 'true'),
    paymentTerms: optionalText(10).transform((v, ctx) => {
      if (v === null) return null;
      const n = /^[0-9]{1,3}$/.test(v) ? Number(v) : NaN;
      if (!(n >= 0 && n <= 365)) {
        ctx.addIssue({ code: 'custom', message: 'db.paymentTermsRange' });
        return z.NEVER;
      }
      return n;
    }),
    hourlyRate: optionalText(30).transform((v, ctx) => {
      if (v === null) return null;
      const ore = parseMoneyToOre(v);
      if (ore === null) {
        ctx.addIssue({ code: 'custom', message: 'validation.money' });
        return z.NEVER;
      }
      if (ore < 0) {
        ctx.addIssue({ code: 'custom', message: 'db.hourlyRateNegative' });
        return z.NEVER;
      }
      return ore;
    }),
    // Late-payment terms (issue 19): a fee only if agreed, at most 60 kr; an agreed rate instead of räntelagen's.
    reminderFee: optionalText(30).transform((v, ctx) => {
      if (v === null) return null;
      const ore = parseMoneyToOre(v);
      if (ore === null || ore < 1 || ore > 6000) {
        ctx.addIssue({ code: 'custom', message: 'db.reminderFeeRange' });
        return z.NEVER;
      }
      return ore;
    }),
    lateInterest: optionalText(10).transform((v, ctx) => {
      if (v === null) return null;
      const m = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(v);
      const bp = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
      if (!(bp >= 0 && bp <= 5000)) {
        ctx.addIssue({ code: 'custom', message: 'db.lateInterestRange' });
        return z.NEVER;
      }
      return bp;
    }),
    consumer: z
      .string()
      .optional()
      .transform((v) => v === 'on' || v === 'true'),
  })
  .transform((v, ctx) => {
    // Swedish clients' organisation numbers are checked; foreign ones are free text.
    let orgNumber = v.orgNumber;
    if (orgNumber !== null && v.country === 'SE') {
      const check = checkOrgNumber(orgNumber);
      if (!check.ok) ctx.addIssue({ code: 'custom', path: ['orgNumber'], message: identifierMessage('orgNumber', check.reason) });
      else orgNumber = check.value;
    }
    let vatNumber = v.vatNumber;
    if (vatNumber !== null) {
      const check = checkVatNumber(vatNumber);
      if (!check.ok) ctx.addIssue({ code: 'custom', path: ['vatNumber'], message: identifierMessage('vatNumber', check.reason) });
      else vatNumber = check.value;
    }
    // Swedish postcodes are NNN NN, as the business profile's; foreign ones are free text.
    let postalCode = v.postalCode;
    if (postalCode !== null && v.country === 'SE') {
      postalCode = swedishPostcode(postalCode);
      if (postalCode === null) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'profile.errors.postalCode' });
    }
    if (v.reverseCharge && vatNumber === null) {
      ctx.addIssue({ code: 'custom', path: ['vatNumber'], message: 'db.reverseChargeNeedsVatNumber' });
    }
    return { ...v, orgNumber, vatNumber, postalCode };
  });
export type ClientDetailsInput = z.output<typeof clientDetailsSchema>;

/** The form's values as strings (what the inputs show). */
export type ClientDetailsForm = Record<Exclude<keyof ClientDetailsInput, 'nodeId'>, string>;
