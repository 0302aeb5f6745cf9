// Failed password sign-ins go into the account's security log (public.record_failed_sign_in).
// The visitor is signed out, so this runs as `anon`, after Auth answered, never inside another
// transaction.
import { withAnonTransaction } from '@/lib/db/transaction';

export async function recordFailedSignIn(email: string): Promise<void> {
  try {
    await withAnonTransaction((tx) => tx.query('select public.record_failed_sign_in($1)', [email]));
  } catch (error) {
    // The sign-in answer matters more than the log line; the failure itself is still logged here.
    console.error('Recording a failed sign-in failed:', (error as Error).message);
  }
}
