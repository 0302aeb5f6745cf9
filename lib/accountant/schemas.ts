// Form schemas of the accountant feature; messages are catalogue keys.
import { z } from 'zod';
import { email, newPassword } from '@/lib/auth/schemas';
import { ACCOUNT_KEYS, type SieAccounts } from '@/lib/exports/sie/accounts';

const id = z.uuid({ error: 'validation.invalid' });
export const tokenSchema = z.string({ error: 'db.invitationInvalid' }).min(1, 'db.invitationInvalid').max(200, 'db.invitationInvalid');

export const inviteSchema = z.object({ email });
export const invitationIdSchema = z.object({ invitationId: id });
export const removeAccountantSchema = z.object({ userId: id });
export const acceptSchema = z.object({ token: tokenSchema });
export const switchWorkspaceSchema = z.object({ workspaceId: id });
export const invitationSignUpSchema = z.object({
  email,
  password: newPassword,
  token: tokenSchema,
});

const account = z.coerce
  .number({ error: 'accountant.accounts.accountNumber' })
  .int('accountant.accounts.accountNumber')
  .min(1000, 'accountant.accounts.accountNumber')
  .max(9999, 'accountant.accounts.accountNumber');
export const sieAccountsSchema = z.object(
  Object.fromEntries(ACCOUNT_KEYS.map((k) => [k, account])) as Record<keyof SieAccounts, typeof account>,
);
