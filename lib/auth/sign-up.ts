// The one way into Auth's sign-up, for the sign-up page and for sign-up from an invitation link:
// behind the app's per-account and per-address limits, with the user's language in the account's
// metadata and the confirmation link leading on to `next`.
import { emailLink } from '@/lib/email/links';
import { getLocale } from '@/lib/i18n/server';
import { clientAddress } from '@/lib/security/client-address';
import { accountKey, enforce } from '@/lib/security/rate-limit';
import { createClient } from '@/lib/supabase/server';

/** True when a session started; false when the project confirms the email address first. */
export async function signUpWithAuth(opts: {
  email: string;
  password: string;
  metadata?: Record<string, string>;
  next: string;
}): Promise<boolean> {
  await enforce([
    ['signUpPerAccount', accountKey(opts.email)],
    ['signUpPerAddress', await clientAddress()],
  ]);
  const supabase = await createClient();
  const { data, error } = await supabase.auth.signUp({
    email: opts.email,
    password: opts.password,
    options: {
      data: { ...opts.metadata, locale: await getLocale() },
      emailRedirectTo: emailLink(`/auth/confirm?next=${encodeURIComponent(opts.next)}`),
    },
  });
  if (error) throw error;
  return Boolean(data.session);
}
