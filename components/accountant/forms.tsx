'use client';
// The accountant feature's forms: each posts to a createAction server action; errors come back
// next to the field in the user's language, typed values kept.
import { useActionState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Alert } from '@/components/ui/alert';
import { Field } from '@/components/ui/field';
import { fieldError, FormMessage, Submit } from '@/components/ui/form';
import { initialState, type ActionState } from '@/lib/actions/state';
import { acceptInvitation, inviteAccountant, saveSieAccounts, signUpForInvitation } from '@/lib/accountant/actions';
import { ACCOUNT_KEYS, type SieAccounts } from '@/lib/exports/sie/accounts';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function InviteForm() {
  const { t } = useI18n();
  const [state, action] = useActionState(inviteAccountant, initialState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field
        label={t('accountant.access.email')}
        name="email"
        type="email"
        autoComplete="off"
        required
        hint={t('accountant.access.emailHint')}
        defaultValue={state.values?.email}
        error={fieldError(state, 'email')}
      />
      <Submit label={t('accountant.access.invite')} pendingLabel={t('accountant.access.inviting')} />
    </form>
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
  const [state, action] = useActionState(saveSieAccounts, initialState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {ACCOUNT_KEYS.map((key) => (
          <Field
            key={key}
            label={t(`accountant.accounts.${key}`)}
            name={key}
            inputMode="numeric"
            pattern="[0-9]{4}"
            maxLength={4}
            required
            defaultValue={state.values?.[key] ?? String(accounts[key])}
            error={fieldError(state, key)}
          />
        ))}
      </div>
      <Submit label={t('accountant.accounts.save')} pendingLabel={t('accountant.accounts.saving')} variant="secondary" />
    </form>
  );
}

export function AcceptForm({ token }: { token: string }) {
  const { t } = useI18n();
  const [state, action] = useActionState(acceptInvitation, initialState);
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <Submit label={t('accountant.invite.accept')} pendingLabel={t('accountant.invite.accepting')} size="lg" className="w-full" />
    </form>
  );
}

export function InvitationSignUpForm({ token }: { token: string }) {
  const { t } = useI18n();
  const [state, action] = useActionState(signUpForInvitation, initialState);
  if (state.ok && state.message) return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <Field
        label={t('auth.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={fieldError(state, 'email')}
      />
      <Field
        label={t('auth.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint={t('auth.passwordHint')}
        error={fieldError(state, 'password')}
      />
      <Submit label={t('auth.signup.submit')} pendingLabel={t('auth.signup.pending')} size="lg" className="w-full" />
    </form>
  );
}
