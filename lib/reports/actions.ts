'use server';
// The owner's bookkeeping settings (Profil → Redovisning): method, VAT period and voucher series
// beside the SIE accounts, the fiscal year's first month in the business profile; one transaction.
import { revalidatePath } from 'next/cache';
import { createAction } from '@/lib/actions/action';
import { bookkeepingSettingsSchema } from './schemas';

export const saveBookkeepingSettings = createAction({
  schema: bookkeepingSettingsSchema,
  handler: async (s, ctx) => {
    await ctx.tx(async (tx) => {
      await tx.query(
        `insert into public.sie_accounts (workspace_id, bookkeeping_method, vat_period, voucher_series) values ($1, $2, $3, $4)
         on conflict (workspace_id) do update set bookkeeping_method = excluded.bookkeeping_method, vat_period = excluded.vat_period,
           voucher_series = excluded.voucher_series`,
        [ctx.workspace.id, s.bookkeepingMethod, s.vatPeriod, s.voucherSeries],
      );
      await tx.query(`update public.business_profiles set fiscal_year_start_month = $2 where workspace_id = $1`, [
        ctx.workspace.id,
        s.fiscalYearStartMonth,
      ]);
    });
    revalidatePath('/profil/redovisning');
    revalidatePath('/rapporter');
    return { message: 'reports.settings.saved', keepValues: true };
  },
});
