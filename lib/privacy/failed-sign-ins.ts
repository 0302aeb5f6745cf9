// Failed password sign-ins go into the account's security log (public.record_failed_sign_in).
// The visitor is signed out, so this is one statement on a pooled connection, which is `anon`
// outside a user's transaction; it runs after Auth answered, never inside a transaction.
import { getPool } from '@/lib/db/pool';

export async function recordFailedSignIn(email: string): Promise<void> {
  try {
    await getPool().query('select public.record_failed_sign_in($1)', [email]);
  } catch (error) {
    // The sign-in answer matters more than the log line; the failure itself is still logged here.
    console.error('Recording a failed sign-in failed:', (error as Error).message);
  }
}
