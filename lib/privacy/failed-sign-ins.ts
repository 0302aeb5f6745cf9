// Failed password sign-ins: checked against the sign-in limits before Auth is asked, and once
// Auth refused the password, counted and noted in the account's security log
// (private.record_failed_sign_in) in one transaction as `anon`, never inside another transaction.
import { withAnonTransaction, type TransactionOptions } from '@/lib/db/transaction';
import { clientAddress } from '@/lib/security/client-address';
import { accountKey, takeRateLimits, type Check } from '@/lib/security/rate-limit';

/** The three sign-in failure limits of this email from the current request's client address. */
export async function signInLimits(email: string, address?: string): Promise<Check[]> {
  const from = address ?? (await clientAddress());
  const account = accountKey(email);
  return [
    ['signInFailuresPerAddressAndAccount', `${from} ${account}`],
    ['signInFailuresPerAccount', account],
    ['signInFailuresPerAddress', from],
  ];
}

export async function recordFailedSignIn(email: string, limits: Check[], options: Pick<TransactionOptions, 'pool'> = {}): Promise<void> {
  await withAnonTransaction(async (tx) => {
    await takeRateLimits(tx, limits, true);
    await tx.query('select private.record_failed_sign_in($1)', [email]);
  }, options);
}
