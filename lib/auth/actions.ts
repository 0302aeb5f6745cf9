'use server';
// Auth server actions. They call the Auth API through the request's Supabase client; none of them
// opens a database transaction (on the embedded backend that would deadlock against Auth's own).
import { redirect } from 'next/navigation';
import { createClient } from '@/lib/supabase/server';
import { emailLink } from '@/lib/email/links';
import { SECOND_STEP_PATH } from '@/lib/auth/second-factor';
import { signUpWithAuth } from '@/lib/auth/sign-up';
import { forgotPasswordSchema, localeSchema, resetPasswordSchema, signInSchema, signUpSchema } from '@/lib/auth/schemas';
import { getLocale } from '@/lib/i18n/server';
import { limitedPasswordAttempt } from '@/lib/security/failed-sign-ins';
import { clientAddress } from '@/lib/security/client-address';
import { accountKey, enforce } from '@/lib/security/rate-limit';
import { ActionError, createAction } from '@/lib/actions/action';
import { initialState } from '@/lib/actions/state';

export const signIn = createAction({
  schema: signInSchema,
  access: 'public',
  handler: async ({ email, password, next }) => {
    const { error, user } = await limitedPasswordAttempt(email, async () => {
      const supabase = await createClient();
      const { data, error } = await supabase.auth.signInWithPassword({ email, password });
      return { wrongPassword: error?.code === 'invalid_credentials', result: { error, user: data.user } };
    });
    if (error) throw error;
    // An account with an authenticator app is not signed in until its code is entered.
    if (user?.factors?.some((f) => f.status === 'verified')) redirect(`${SECOND_STEP_PATH}?next=${encodeURIComponent(next)}`);
    redirect(next);
  },
});

export const signUp = createAction({
  schema: signUpSchema,
  access: 'public',
  handler: async ({ email, password, businessName }) => {
    const session = await signUpWithAuth({ email, password, metadata: { business_name: businessName }, next: '/' });
    // Projects that confirm email first return no session: tell the user to check their inbox.
    if (!session) return { message: 'auth.signup.checkEmail', messageParams: { email } };
    redirect('/');
  },
});

export const requestPasswordReset = createAction({
  schema: forgotPasswordSchema,
  access: 'public',
  handler: async ({ email }) => {
    await enforce([
      ['resetPerAccount', accountKey(email)],
      ['resetPerAddress', await clientAddress()],
    ]);
    const supabase = await createClient();
    const { error } = await supabase.auth.resetPasswordForEmail(email, {
      redirectTo: emailLink('/auth/confirm?next=/reset-password'),
    });
    // Same answer whether or not the address exists; only rate limits are worth telling.
    if (error && error.status === 429) throw error;
    if (error) console.error('Password reset request failed:', error.code ?? error.status);
    return { message: 'auth.forgot.sent', keepValues: true };
  },
});

export const resetPassword = createAction({
  schema: resetPasswordSchema,
  access: 'account',
  handler: async ({ password }) => {
    const supabase = await createClient();
    const { error } = await supabase.auth.updateUser({ password });
    if (error) throw error;
    // Other sessions may hold the old credentials' trust; start clean everywhere.
    const locale = await getLocale();
    await supabase.auth.signOut({ scope: 'global' });
    redirect(`/login?notice=password_updated&lang=${locale}`);
  },
});

const setLocale = createAction({
  schema: localeSchema,
  access: 'account',
  handler: async ({ locale, returnTo }) => {
    const supabase = await createClient();
    const { error } = await supabase.auth.updateUser({ data: { locale } });
    if (error) throw error;
    // The choice lives in the token's user_metadata: refresh so the next request carries it.
    const refreshed = await supabase.auth.refreshSession();
    if (refreshed.error) throw refreshed.error;
    redirect(returnTo);
  },
});

/** Sign out is POST only (a server action); a GET never changes state. */
export async function signOut(): Promise<void> {
  const supabase = await createClient();
  // The saved language goes with the session; carry it to the signed-out page in the URL.
  const locale = await getLocale();
  const { error } = await supabase.auth.signOut({ scope: 'local' });
  if (error && error.status !== 401 && error.status !== 403) throw new ActionError('errors.generic');
  redirect(`/login?notice=signed_out&lang=${locale}`);
}

/** Saves the signed-in user's language (plain form action for the account menu). */
export async function changeLocale(formData: FormData): Promise<void> {
  const result = await setLocale(initialState, formData);
  if (!result.ok) console.error('Saving the language failed:', result.formError);
}
