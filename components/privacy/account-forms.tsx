'use client';
// Delete my account (password and an explicit confirmation) and restore it during the 30 days.
import { useActionState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Field } from '@/components/ui/field';
import { FormMessage, Submit } from '@/components/ui/form';
import { initialState } from '@/lib/actions/state';
import { deleteAccount, restoreAccount } from '@/lib/privacy/actions';

export function DeleteAccountForm() {
  const { t } = useI18n();
  const [state, action] = useActionState(deleteAccount, initialState);
  const confirmError = state.ok ? undefined : state.fieldErrors.confirm;
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
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
      <Submit
        label={t('privacy.data.deleteSubmit')}
        pendingLabel={t('privacy.data.deletePending')}
        variant="danger"
        size="lg"
        className="w-full sm:w-auto"
      />
    </form>
  );
}

export function RestoreAccountForm() {
  const { t } = useI18n();
  const [state, action] = useActionState(restoreAccount, initialState);
  return (
    <form action={action} className="space-y-4">
      <FormMessage state={state} />
      <Submit label={t('privacy.restore.submit')} pendingLabel={t('privacy.restore.pending')} size="lg" className="w-full" />
    </form>
  );
}
