'use server';
// Server actions of the privacy pages: delete my account (password confirmed) and restore it.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ActionError, createAction } from '@/lib/actions/action';
import { getLocale } from '@/lib/i18n/server';
import { passwordMatches, requestDeletion, restoreAccount as restore } from './account';

const deleteSchema = z.object({
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required'),
  confirm: z.literal('on', { error: 'privacy.data.mustConfirm' }),
});

export const deleteAccount = createAction({
  schema: deleteSchema,
  access: 'account',
  handler: async ({ password }, { claims, tx }) => {
    if (typeof claims.email !== 'string' || !(await passwordMatches(claims.email, password))) {
      throw new ActionError('privacy.data.wrongPassword', 'password');
    }
    await requestDeletion(tx);
    redirect('/restore');
  },
});

export const restoreAccount = createAction({
  schema: z.object({}),
  access: 'account',
  handler: async (_input, { tx }) => {
    if (!(await restore(tx))) throw new ActionError('privacy.restore.tooLate');
    redirect(`/profil/data?notice=restored&lang=${await getLocale()}`);
  },
});
