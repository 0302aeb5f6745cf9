'use server';
// The overdue page's actions: send a reminder (email with the reminder PDF and the original),
// make a draft räntefaktura for a client.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ActionError, createAction } from '@/lib/actions/action';
import { emailConfigured } from '@/lib/email/send';
import { getLocale } from '@/lib/i18n/server';
import { invoiceSession } from '@/lib/invoices/session';
import { sendReminder } from './reminders';

const id = z.string().uuid({ message: 'validation.invalid' });

export const sendReminderAction = createAction({
  schema: z.object({ invoiceId: id }),
  handler: async ({ invoiceId }, ctx) => {
    if (!emailConfigured()) throw new ActionError('invoices.invoice.emailNotConfigured');
    const { run, archive } = await invoiceSession(ctx);
    const { to } = await sendReminder({ run, archive, invoiceId, t: ctx.t, locale: await getLocale() });
    revalidatePath('/fakturor/forfallna');
    return { message: 'collections.overdue.reminded', messageParams: { email: to } };
  },
});

export const createInterestInvoiceAction = createAction({
  schema: z.object({ clientId: id }),
  handler: async ({ clientId }, ctx) => {
    const draft = await ctx.tx(
      async (tx) => (await tx.query<{ id: string }>(`select public.create_interest_invoice($1) as id`, [clientId])).rows[0].id,
    );
    redirect(`/fakturor/${draft}`);
  },
});
