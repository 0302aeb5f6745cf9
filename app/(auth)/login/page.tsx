import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { LoginForm } from '@/components/auth/forms';
import { withLang } from '@/components/i18n/lang-href';
import { Alert } from '@/components/ui/alert';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { getTranslator } from '@/lib/i18n/server';
import { safeNext } from '@/lib/security/safe-next';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('auth.login.title') };
}

// Only known codes are shown, so a link cannot put arbitrary text on the page.
const ERRORS: Record<string, MessageKey> = { link_invalid: 'errors.linkInvalid', session_expired: 'errors.sessionExpired' };
const NOTICES: Record<string, MessageKey> = {
  password_updated: 'auth.notices.passwordUpdated',
  signed_out: 'auth.notices.signedOut',
  link_confirmed: 'auth.notices.linkConfirmed',
};

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const { t } = await getTranslator();
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const lang = one(params.lang);
  const error = ERRORS[one(params.error) ?? ''];
  const notice = NOTICES[one(params.notice) ?? ''];
  return (
    <AuthCard
      title={t('auth.login.title')}
      subtitle={t('auth.login.subtitle')}
      footer={
        <>
          {t('auth.login.noAccount')}{' '}
          <Link href={withLang('/signup', lang)} className="font-medium text-accent underline-offset-4 hover:underline">
            {t('auth.login.signupLink')}
          </Link>
        </>
      }
    >
      {error ? <Alert tone="error">{t(error)}</Alert> : null}
      {notice ? <Alert tone="success">{t(notice)}</Alert> : null}
      <LoginForm next={safeNext(one(params.next))} lang={lang} />
    </AuthCard>
  );
}
