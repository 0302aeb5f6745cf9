'use client';
// Profil → Säkerhet: change the password (with the emailed code when Auth asks for one) and the
// email address (confirmed from both addresses). Errors come back at their fields.
import { useActionState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Alert } from '@/components/ui/alert';
import { Field } from '@/components/ui/field';
import { initialState, type ActionState } from '@/lib/actions/state';
import { changeEmail, changePassword } from '@/lib/auth/security-actions';
import { SubmitButton } from './submit-button';

const errorOf = (state: ActionState, field: string) => (state.ok ? undefined : state.fieldErrors[field]);

function Outcome({ state }: { state: ActionState }) {
  if (state.ok) return state.message ? <Alert tone="success">{state.message}</Alert> : null;
  return state.formError ? <Alert tone="error">{state.formError}</Alert> : null;
}

export function ChangePasswordForm() {
  const { t } = useI18n();
  const [state, action] = useActionState(changePassword, initialState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <Outcome state={state} />
      <Field label={t('security.password.newPassword')} name="password" type="password" autoComplete="new-password" required error={errorOf(state, 'password')} />
      <Field
        label={t('security.password.confirmPassword')}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={errorOf(state, 'confirmPassword')}
      />
      <Field
        label={t('security.password.code')}
        name="nonce"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        hint={t('security.password.codeHint')}
        defaultValue={state.values?.nonce}
        error={errorOf(state, 'nonce')}
      />
      <SubmitButton label={t('security.password.submit')} pendingLabel={t('security.password.pending')} />
    </form>
  );
}

export function ChangeEmailForm() {
  const { t } = useI18n();
  const [state, action] = useActionState(changeEmail, initialState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <Outcome state={state} />
      <Field label={t('security.email.newEmail')} name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={errorOf(state, 'email')} />
      <SubmitButton label={t('security.email.submit')} pendingLabel={t('security.email.submitting')} />
    </form>
  );
}
