'use client';
// The auth forms, and Profil → Säkerhet's password and email change. Each is an ActionForm posting
// to a server action built with createAction; on failure the action returns field errors and the
// typed values (never passwords), which the fields read back (useFieldState, EmailField).
import Link from 'next/link';
import type { ReactNode } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { withLang } from '@/components/i18n/lang-href';
import { Alert } from '@/components/ui/alert';
import { ActionForm, Submit, useFormState } from '@/components/ui/form';
import { EmailField, FormField } from '@/components/ui/form-field';
import { requestPasswordReset, resetPassword, signIn, signUp } from '@/lib/auth/actions';
import { changeEmail, changePassword } from '@/lib/auth/security-actions';

export function LoginForm({ next, lang }: { next?: string; lang?: string }) {
  const { t } = useI18n();
  return (
    <ActionForm action={signIn} className="space-y-5">
      <input type="hidden" name="next" value={next ?? '/'} />
      <EmailField label={t('auth.email')} />
      <div className="space-y-1.5">
        <FormField label={t('auth.password')} name="password" type="password" autoComplete="current-password" required />
        <div className="text-right">
          <Link href={withLang('/forgot-password', lang)} className="text-sm text-accent underline-offset-4 hover:underline">
            {t('auth.login.forgot')}
          </Link>
        </div>
      </div>
      <Submit size="lg" className="w-full" label={t('auth.login.submit')} pendingLabel={t('auth.login.pending')} />
    </ActionForm>
  );
}

/** The password a new account (or a reset) sets: at least 8 characters, the rule said beside it. */
export function NewPasswordField({ label }: { label: string }) {
  const { t } = useI18n();
  return (
    <FormField
      label={label}
      name="password"
      type="password"
      autoComplete="new-password"
      required
      minLength={8}
      hint={t('auth.passwordHint')}
    />
  );
}

/** After a sign-up that needs the address confirmed: only the message, in place of the form. */
export function CheckEmail({ children }: { children: ReactNode }) {
  const state = useFormState();
  return state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : <>{children}</>;
}

export function SignupForm({ lang }: { lang?: string }) {
  const { t } = useI18n();
  const [before, afterTerms] = t('auth.signup.consent').split('{terms}');
  const [middle, after] = afterTerms.split('{privacy}');
  return (
    <ActionForm action={signUp} className="space-y-5">
      <CheckEmail>
        <FormField label={t('auth.businessName')} name="businessName" autoComplete="organization" hint={t('auth.businessNameHint')} />
        <EmailField label={t('auth.email')} />
        <NewPasswordField label={t('auth.password')} />
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
      </CheckEmail>
    </ActionForm>
  );
}

export function ForgotPasswordForm() {
  const { t } = useI18n();
  return (
    <ActionForm action={requestPasswordReset} className="space-y-5">
      <EmailField label={t('auth.email')} />
      <Submit size="lg" className="w-full" label={t('auth.forgot.submit')} pendingLabel={t('auth.forgot.pending')} />
    </ActionForm>
  );
}

export function ResetPasswordForm() {
  const { t } = useI18n();
  return (
    <ActionForm action={resetPassword} className="space-y-5">
      <NewPasswordField label={t('auth.newPassword')} />
      <FormField label={t('auth.confirmPassword')} name="confirmPassword" type="password" autoComplete="new-password" required />
      <Submit size="lg" className="w-full" label={t('auth.reset.submit')} pendingLabel={t('auth.reset.pending')} />
    </ActionForm>
  );
}

export function ChangePasswordForm() {
  const { t } = useI18n();
  return (
    <ActionForm action={changePassword} className="space-y-5">
      <FormField label={t('security.password.newPassword')} name="password" type="password" autoComplete="new-password" required />
      <FormField
        label={t('security.password.confirmPassword')}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
      />
      <FormField
        label={t('security.password.code')}
        name="nonce"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        hint={t('security.password.codeHint')}
      />
      <Submit size="lg" className="w-full" label={t('security.password.submit')} pendingLabel={t('security.password.pending')} />
    </ActionForm>
  );
}

export function ChangeEmailForm() {
  const { t } = useI18n();
  return (
    <ActionForm action={changeEmail} className="space-y-5">
      <EmailField label={t('security.email.newEmail')} />
      <Submit size="lg" className="w-full" label={t('security.email.submit')} pendingLabel={t('security.email.submitting')} />
    </ActionForm>
  );
}
