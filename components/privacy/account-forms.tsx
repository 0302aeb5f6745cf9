'use client';
// Delete my account (password and an explicit confirmation) and restore it during the 30 days.
import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { useI18n } from '@/components/i18n/provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { initialState } from '@/lib/actions/state';
import { deleteAccount, restoreAccount } from '@/lib/privacy/actions';

function Submit({ label, pendingLabel, variant = 'primary' }: { label: string; pendingLabel: string; variant?: 'primary' | 'danger' }) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      size="lg"
      disabled={pending}
      aria-disabled={pending}
      className={variant === 'danger' ? 'w-full bg-danger text-bg hover:opacity-90 sm:w-auto' : 'w-full'}
    >
      {pending ? pendingLabel : label}
    </Button>
  );
}

export function DeleteAccountForm() {
  const { t } = useI18n();
  const [state, action] = useActionState(deleteAccount, initialState);
  const confirmError = state.ok ? undefined : state.fieldErrors.confirm;
  return (
    <form action={action} className="space-y-5" noValidate>
      {!state.ok && state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <div className="space-y-1.5">
        <label className="flex items-start gap-3 text-sm leading-relaxed">
          <input
            type="checkbox"
            name="confirm"
            className="mt-1 size-4 shrink-0 accent-[var(--color-danger)]"
            aria-invalid={confirmError ? true : undefined}
            aria-describedby={confirmError ? 'confirm-error' : undefined}
          />
          <span>{t('privacy.data.deleteConfirm')}</span>
        </label>
        {confirmError ? (
          <p id="confirm-error" className="text-sm text-danger">
            {confirmError}
          </p>
        ) : null}
      </div>
      <div className="max-w-sm">
        <Field
          label={t('privacy.data.deletePassword')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={state.ok ? undefined : state.fieldErrors.password}
        />
      </div>
      <Submit label={t('privacy.data.deleteSubmit')} pendingLabel={t('privacy.data.deletePending')} variant="danger" />
    </form>
  );
}

export function RestoreAccountForm() {
  const { t } = useI18n();
  const [state, action] = useActionState(restoreAccount, initialState);
  return (
    <form action={action} className="space-y-4">
      {!state.ok && state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
      <Submit label={t('privacy.restore.submit')} pendingLabel={t('privacy.restore.pending')} />
    </form>
  );
}
