'use server';
// Profil → Säkerhet: change the password and the email address through Auth, which decides what
// re-authentication it needs (secure_password_change: a recent sign-in or the emailed nonce) and
// confirms an email change through both addresses. No database transaction is opened here.
import { redirect } from 'next/navigation';
import { isAuthError } from '@supabase/supabase-js';
import { ActionError, createAction } from '@/lib/actions/action';
import { emailLink } from '@/lib/email/links';
import { getLocale } from '@/lib/i18n/server';
import { createClient } from '@/lib/supabase/server';
import { changeEmailSchema, changePasswordSchema } from './schemas';

export const changePassword = createAction({
  access: 'account',
  schema: changePasswordSchema,
  handler: async ({ password, nonce }, { claims }) => {
    const supabase = await createClient();
    const { error } = await supabase.auth.updateUser({ password, nonce });
    if (isAuthError(error) && error.code === 'reauthentication_needed') {
      // The session is not fresh: Auth mails a code, the form asks for it.
      const sent = await supabase.auth.reauthenticate();
      if (sent.error) throw sent.error;
      return { message: 'security.password.codeSent', messageParams: { email: String(claims.email ?? '') } };
    }
    if (isAuthError(error) && error.code === 'reauthentication_not_valid') throw new ActionError('security.password.codeInvalid', 'nonce');
    if (error) throw error;
    redirect(`/profil/sakerhet?notice=password_changed&lang=${await getLocale()}`);
  },
});

export const changeEmail = createAction({
  access: 'account',
  schema: changeEmailSchema,
  handler: async ({ email }, { claims }) => {
    if (email.toLowerCase() === String(claims.email ?? '').toLowerCase()) throw new ActionError('security.email.same', 'email');
    const supabase = await createClient();
    const { error } = await supabase.auth.updateUser({ email }, { emailRedirectTo: emailLink('/auth/confirm?next=/profil/sakerhet') });
    if (error) throw error;
    return { message: 'security.email.sent', messageParams: { email } };
  },
});
