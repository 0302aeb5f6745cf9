// Zod fields for form inputs that several features share.
import { z } from 'zod';
import { parseMoneyToOre } from './quantities';

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
