'use client';
// The auth forms, and Profil → Säkerhet's password and email change. Each posts to a server action
// built with createAction; on failure the action returns field errors and the typed values, which
// are put back into the form.
import Link from 'next/link';
import { useActionState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { withLang } from '@/components/i18n/lang-href';
import { Alert } from '@/components/ui/alert';
import { Field } from '@/components/ui/field';
import { fieldError, FormMessage, Submit } from '@/components/ui/form';
import { initialState } from '@/lib/actions/state';
import { requestPasswordReset, resetPassword, signIn, signUp } from '@/lib/auth/actions';
import { changeEmail, changePassword } from '@/lib/auth/security-actions';

export function LoginForm({ next, lang }: { next?: string; lang?: string }) {
  const { t } = useI18n();
  const [state, action] = useActionState(signIn, initialState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next ?? '/'} />
      <Field
        label={t('auth.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={fieldError(state, 'email')}
      />
      <div className="space-y-1.5">
        <Field
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError(state, 'password')}
        />
        <div className="text-right">
          <Link href={withLang('/forgot-password', lang)} className="text-sm text-accent underline-offset-4 hover:underline">
            {t('auth.login.forgot')}
          </Link>
        </div>
      </div>
      <Submit size="lg" className="w-full" label={t('auth.login.submit')} pendingLabel={t('auth.login.pending')} />
    </form>
  );
}

export function SignupForm({ lang }: { lang?: string }) {
  const { t } = useI18n();
  const [state, action] = useActionState(signUp, initialState);
  const [before, afterTerms] = t('auth.signup.consent').split('{terms}');
  const [middle, after] = afterTerms.split('{privacy}');
  if (state.ok && state.message) return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field
        label={t('auth.businessName')}
        name="businessName"
        autoComplete="organization"
        hint={t('auth.businessNameHint')}
        defaultValue={state.values?.businessName}
        error={fieldError(state, 'businessName')}
      />
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
      <p className="text-sm leading-relaxed text-muted">
        {before}
        <Link href={withLang('/legal/terms', lang)} className="text-accent underline underline-offset-4">
          {t('auth.signup.termsLink')}
        </Link>
        {middle}
        <Link href={withLang('/legal/privacy', lang)} className="text-accent underline underline-offset-4">
          {t('auth.signup.privacyLink')}
        </Link>
        {after}
      </p>
      <Submit size="lg" className="w-full" label={t('auth.signup.submit')} pendingLabel={t('auth.signup.pending')} />
    </form>
  );
}

export function ForgotPasswordForm() {
  const { t } = useI18n();
  const [state, action] = useActionState(requestPasswordReset, initialState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field
        label={t('auth.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={fieldError(state, 'email')}
      />
      <Submit size="lg" className="w-full" label={t('auth.forgot.submit')} pendingLabel={t('auth.forgot.pending')} />
    </form>
  );
}

export function ResetPasswordForm() {
  const { t } = useI18n();
  const [state, action] = useActionState(resetPassword, initialState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field
        label={t('auth.newPassword')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint={t('auth.passwordHint')}
        error={fieldError(state, 'password')}
      />
      <Field
        label={t('auth.confirmPassword')}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={fieldError(state, 'confirmPassword')}
      />
      <Submit size="lg" className="w-full" label={t('auth.reset.submit')} pendingLabel={t('auth.reset.pending')} />
    </form>
  );
}

export function ChangePasswordForm() {
  const { t } = useI18n();
  const [state, action] = useActionState(changePassword, initialState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field
        label={t('security.password.newPassword')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={fieldError(state, 'password')}
      />
      <Field
        label={t('security.password.confirmPassword')}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={fieldError(state, 'confirmPassword')}
      />
      <Field
        label={t('security.password.code')}
        name="nonce"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        hint={t('security.password.codeHint')}
        defaultValue={state.values?.nonce}
        error={fieldError(state, 'nonce')}
      />
      <Submit size="lg" className="w-full" label={t('security.password.submit')} pendingLabel={t('security.password.pending')} />
    </form>
  );
}

export function ChangeEmailForm() {
  const { t } = useI18n();
  const [state, action] = useActionState(changeEmail, initialState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field
        label={t('security.email.newEmail')}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={fieldError(state, 'email')}
      />
      <Submit size="lg" className="w-full" label={t('security.email.submit')} pendingLabel={t('security.email.submitting')} />
    </form>
  );
}
