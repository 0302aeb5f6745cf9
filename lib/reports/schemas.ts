// The bookkeeping settings form, checked on the server; messages are catalogue keys.
import { z } from 'zod';
import { BOOKKEEPING_METHODS, VAT_PERIODS } from '@/lib/exports/sie/accounts';

export const bookkeepingSettingsSchema = z.object({
  bookkeepingMethod: z.enum(BOOKKEEPING_METHODS, { error: 'validation.invalid' }),
  vatPeriod: z.enum(VAT_PERIODS, { error: 'validation.invalid' }),
  fiscalYearStartMonth: z.coerce
    .number({ error: 'db.fiscalYearStartMonthRange' })
    .int('db.fiscalYearStartMonthRange')
    .min(1, 'db.fiscalYearStartMonthRange')
    .max(12, 'db.fiscalYearStartMonthRange'),
  voucherSeries: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{1,2}$/, 'db.voucherSeriesInvalid')),
});
