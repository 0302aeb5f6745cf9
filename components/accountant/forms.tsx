'use client';
// The accountant feature's forms: each posts to a createAction server action; errors come back
// next to the field in the user's language, typed values kept.
import { useActionState } from 'react';
import { CheckEmail, NewPasswordField } from '@/components/auth/forms';
import { useI18n } from '@/components/i18n/provider';
import { ActionForm, Submit, useFieldState } from '@/components/ui/form';
import { EmailField, FormField } from '@/components/ui/form-field';
import { initialState, type ActionState } from '@/lib/actions/state';
import { acceptInvitation, inviteAccountant, saveSieAccounts, signUpForInvitation, startOwnWorkspace } from '@/lib/accountant/actions';
import { ACCOUNT_KEYS, type SieAccounts } from '@/lib/exports/sie/accounts';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function InviteForm() {
  const { t } = useI18n();
  return (
    <ActionForm action={inviteAccountant} className="space-y-4">
      <EmailField label={t('accountant.access.email')} hint={t('accountant.access.emailHint')} autoComplete="off" />
      <Submit label={t('accountant.access.invite')} pendingLabel={t('accountant.access.inviting')} />
    </ActionForm>
  );
}

/** One button acting on one row (revoke an invitation, remove access), with its outcome. */
export function RowAction({
  action,
  fields,
  label,
  ariaLabel,
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  ariaLabel: string;
}) {
  const [state, formAction] = useActionState(action, initialState);
  return (
    <form action={formAction} className="flex flex-col items-end gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Submit label={label} pendingLabel="…" aria-label={ariaLabel} variant="secondary" size="sm" />
      {!state.ok && state.formError ? (
        <p className="text-sm text-danger" role="alert">
          {state.formError}
        </p>
      ) : null}
      {state.ok && state.message ? (
        <p className="sr-only" role="status">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

export function AccountsForm({ accounts }: { accounts: SieAccounts }) {
  const { t } = useI18n();
  return (
    <ActionForm action={saveSieAccounts} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {ACCOUNT_KEYS.map((key) => (
          <AccountField key={key} name={key} label={t(`accountant.accounts.${key}`)} stored={String(accounts[key])} />
        ))}
      </div>
      <Submit label={t('accountant.accounts.save')} pendingLabel={t('accountant.accounts.saving')} variant="secondary" />
    </ActionForm>
  );
}

function AccountField({ name, label, stored }: { name: string; label: string; stored: string }) {
  const { value } = useFieldState(name);
  return (
    <FormField label={label} name={name} inputMode="numeric" pattern="[0-9]{4}" maxLength={4} required defaultValue={value ?? stored} />
  );
}

export function AcceptForm({ token }: { token: string }) {
  const { t } = useI18n();
  return (
    <ActionForm action={acceptInvitation} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <Submit label={t('accountant.invite.accept')} pendingLabel={t('accountant.invite.accepting')} size="lg" className="w-full" />
    </ActionForm>
  );
}

/** Sign-up from an invitation: the address is the invited one, filled in. */
export function InvitationSignUpForm({ token, email }: { token: string; email: string }) {
  const { t } = useI18n();
  return (
    <ActionForm action={signUpForInvitation} className="space-y-5">
      <CheckEmail>
        <input type="hidden" name="token" value={token} />
        <EmailField label={t('auth.email')} value={email} />
        <NewPasswordField label={t('auth.password')} />
        <Submit label={t('auth.signup.submit')} pendingLabel={t('auth.signup.pending')} size="lg" className="w-full" />
      </CheckEmail>
    </ActionForm>
  );
}

/** For a user without any workspace: start a business of their own. */
export function StartOwnWorkspaceForm() {
  const { t } = useI18n();
  return (
    <ActionForm action={startOwnWorkspace}>
      <Submit label={t('access.none.start')} pendingLabel={t('access.none.starting')} />
    </ActionForm>
  );
}
