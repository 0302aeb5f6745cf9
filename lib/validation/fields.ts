// Zod fields for form inputs that several features share.
import { z } from 'zod';
import { parseMoneyToOre } from './quantities';
import { invoiceText, unprintableCharacters } from './text';

/** An optional kronor amount such as an hourly rate: blank → null, else öre ≥ 0. */
export const optionalAmountOre = () =>
  z
    .string()
    .optional()
    .transform((input, ctx) => {
      if (!input?.trim()) return null;
      const ore = parseMoneyToOre(input);
      if (ore === null || ore < 0) {
        ctx.addIssue({ code: 'custom', message: 'validation.money' });
        return z.NEVER;
      }
      return ore;
    });

/** A Swedish postcode: five digits, the first not 0, written "NNN NN" as PostNord prints it ("11122" and "SE-111 22" are read too). */
export function swedishPostcode(input: string): string | null {
  const digits = input.replace(/[\s\u00a0]/g, '').replace(/^SE-?/i, '');
  return /^[1-9][0-9]{4}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3)}` : null;
}

/** A phone number as people write them ("070-123 45 67", "+46 8 123 456 78", "08-12 34 56"): 7–15 digits. */
export function isPhoneNumber(input: string): boolean {
  const digits = input.replace(/[^0-9]/g, '');
  return /^\+?[0-9][0-9 ()\-/]*$/.test(input.trim()) && digits.length >= 7 && digits.length <= 15;
}

/** An optional Swedish postcode: blank → null, else "NNN NN" (what the invoice font cannot draw is named first). */
export const optionalSwedishPostcode = () =>
  z
    .string()
    .optional()
    .transform((input, ctx) => {
      if (!input?.trim()) return null;
      if (unprintableCharacters(input).length) return invoiceText()(input, ctx);
      const postcode = swedishPostcode(input);
      if (postcode === null) {
        ctx.addIssue({ code: 'custom', message: 'profile.errors.postalCode' });
        return z.NEVER;
      }
      return postcode;
    });

/** An optional phone number: blank → null, else as typed (trimmed; what the invoice font cannot draw is named first). */
export const optionalPhone = () =>
  z
    .string()
    .optional()
    .transform((input, ctx) => {
      const phone = input?.trim() ?? '';
      if (!phone) return null;
      if (unprintableCharacters(phone).length) return invoiceText()(phone, ctx);
      if (phone.length > 40 || !isPhoneNumber(phone)) {
        ctx.addIssue({ code: 'custom', message: 'profile.errors.phone' });
        return z.NEVER;
      }
      return phone;
    });
