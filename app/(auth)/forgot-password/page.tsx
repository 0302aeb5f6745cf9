import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { ForgotPasswordForm } from '@/components/auth/forms';
import { withLang } from '@/components/i18n/lang-href';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('auth.forgot.title') };
}

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<{ lang?: string }> }) {
  const { lang } = await searchParams;
  const { t } = await getTranslator();
  return (
    <AuthCard
      title={t('auth.forgot.title')}
      subtitle={t('auth.forgot.subtitle')}
      footer={
        <Link href={withLang('/login', lang)} className="font-medium text-accent underline-offset-4 hover:underline">
          {t('auth.forgot.back')}
        </Link>
      }
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
