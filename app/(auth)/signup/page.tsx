import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { SignupForm } from '@/components/auth/forms';
import { withLang } from '@/components/i18n/lang-href';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('auth.signup.title') };
}

export default async function SignupPage({ searchParams }: { searchParams: Promise<{ lang?: string }> }) {
  const { lang } = await searchParams;
  const { t } = await getTranslator();
  return (
    <AuthCard
      title={t('auth.signup.title')}
      subtitle={t('auth.signup.subtitle')}
      footer={
        <>
          {t('auth.signup.haveAccount')}{' '}
          <Link href={withLang('/login', lang)} className="font-medium text-accent underline-offset-4 hover:underline">
            {t('auth.signup.loginLink')}
          </Link>
        </>
      }
    >
      <SignupForm lang={lang} />
    </AuthCard>
  );
}
