// Account deletion and restore as the database keeps them (public.request_account_deletion,
// public.restore_account, public.my_account_deletion). The password check goes to Auth first,
// outside any transaction.
import { createClient as createSupabaseClient } from '@supabase/supabase-js';
import type { RequestTx } from '@/lib/request/context';
import { serverEnv } from '@/lib/env';
import { limitedPasswordAttempt } from '@/lib/security/failed-sign-ins';

export interface PendingDeletion {
  requestedAt: Date;
  purgeAfter: Date;
}

export async function pendingDeletion(run: RequestTx): Promise<PendingDeletion | null> {
  const row = await run(
    async (tx) =>
      (await tx.query<{ requested_at: Date; purge_after: Date }>(`select requested_at, purge_after from public.my_account_deletion()`))
        .rows[0],
  );
  return row ? { requestedAt: row.requested_at, purgeAfter: row.purge_after } : null;
}

/**
 * True when the password is the account's. Signs in on a client of its own (no cookies, so the
 * browser's session is left as it is) and ends that extra session again. Behind the sign-in
 * limits (a stolen session must not become a way to guess the password); a failure goes into the
 * user's security log.
 */
export async function passwordMatches(email: string, password: string): Promise<boolean> {
  return limitedPasswordAttempt(email, async () => {
    const env = serverEnv();
    const probe = createSupabaseClient(env.supabaseUrl, env.supabaseAnonKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    });
    const { data, error } = await probe.auth.signInWithPassword({ email, password });
    if (error && error.code !== 'invalid_credentials') throw error;
    if (data.session) await probe.auth.signOut({ scope: 'local' });
    return { wrongPassword: Boolean(error), result: !error };
  });
}

export async function requestDeletion(run: RequestTx): Promise<Date> {
  return run(async (tx) => (await tx.query<{ until: Date }>(`select public.request_account_deletion() as until`)).rows[0].until);
}

export async function restoreAccount(run: RequestTx): Promise<boolean> {
  return run(async (tx) => (await tx.query<{ ok: boolean }>(`select public.restore_account() as ok`)).rows[0].ok);
}
