// Reached through the recovery link (/auth/confirm signs the user in first); the proxy sends
// visitors without a session to /login.
import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth/auth-card';
import { ResetPasswordForm } from '@/components/auth/forms';
import { requireUser } from '@/lib/auth/claims';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('auth.reset.title') };
}

export default async function ResetPasswordPage() {
  await requireUser();
  const { t } = await getTranslator();
  return (
    <AuthCard title={t('auth.reset.title')} subtitle={t('auth.reset.subtitle')}>
      <ResetPasswordForm />
    </AuthCard>
  );
}
