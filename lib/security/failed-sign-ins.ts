// Password sign-ins: each attempt is counted against the sign-in limits before Auth is asked and
// given back when Auth accepts the password (or fails for another reason); a refused password is
// noted in the account's security log (private.record_failed_sign_in), as `anon`, never inside
// another transaction.
import { withAnonTransaction, type TransactionOptions } from '@/lib/db/transaction';
import { clientAddress } from '@/lib/security/client-address';
import { accountKey, enforce, giveBack, type Check } from '@/lib/security/rate-limit';

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

/**
 * Runs one password check behind the sign-in limits: `attempt` answers whether Auth refused the
 * password (true: a failure, logged and left counted). Refuses with errors.rateLimited first when
 * a limit is exhausted.
 */
export async function limitedPasswordAttempt<T>(
  email: string,
  attempt: () => Promise<{ wrongPassword: boolean; result: T }>,
  options: { address?: string } & Pick<TransactionOptions, 'pool'> = {},
): Promise<T> {
  const limits = await signInLimits(email, options.address);
  await enforce(limits, options);
  let outcome: { wrongPassword: boolean; result: T } | undefined;
  try {
    outcome = await attempt();
    return outcome.result;
  } finally {
    if (outcome?.wrongPassword) await withAnonTransaction((tx) => tx.query('select private.record_failed_sign_in($1)', [email]), options);
    else await giveBack(limits, options);
  }
}
