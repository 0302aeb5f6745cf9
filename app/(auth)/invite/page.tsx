// The invitation link: /invite?token=... (a query parameter, so error reports filter it out).
// Signed out: sign in or sign up, then back here. Signed in: the invitation's state, and a POST
// to accept it; an expired, used, revoked or unknown token gets a clear page and changes nothing.
import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { LoginForm } from '@/components/auth/forms';
import { AcceptForm, InvitationSignUpForm } from '@/components/accountant/forms';
import { withLang } from '@/components/i18n/lang-href';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { invitationStatus, invitedEmail } from '@/lib/accountant/queries';
import { tokenSchema } from '@/lib/accountant/schemas';
import { signOut } from '@/lib/auth/actions';
import { getVerifiedClaims } from '@/lib/auth/claims';
import { getTranslator } from '@/lib/i18n/server';
import { pageTx } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('accountant.invite.title'), robots: { index: false } };
}

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function InvitePage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const { t } = await getTranslator();
  const parsed = tokenSchema.safeParse(one(params.token));
  const token = parsed.success ? parsed.data : null;
  const lang = one(params.lang);
  const here = `/invite?token=${encodeURIComponent(token ?? '')}`;
  const claims = await getVerifiedClaims();
  const title = t('accountant.invite.title');

  if (!token) {
    return (
      <AuthCard title={title}>
        <Alert tone="error">{t('accountant.invite.invalid')}</Alert>
      </AuthCard>
    );
  }

  if (!claims) {
    const signUp = one(params.mode) === 'signup';
    return (
      <AuthCard
        title={signUp ? t('accountant.invite.signUpTitle') : title}
        subtitle={t('accountant.invite.signedOut')}
        footer={
          <>
            {signUp ? t('accountant.invite.haveAccount') : t('accountant.invite.noAccount')}{' '}
            <Link
              href={withLang(signUp ? here : `${here}&mode=signup`, lang)}
              className="font-medium text-accent underline-offset-4 hover:underline"
            >
              {signUp ? t('accountant.invite.signInLink') : t('accountant.invite.signUpLink')}
            </Link>
          </>
        }
      >
        {signUp ? <InvitationSignUpForm token={token} email={await invitedEmail(token)} /> : <LoginForm next={here} lang={lang} />}
      </AuthCard>
    );
  }

  const status = await pageTx((tx) => invitationStatus(tx, token));
  if (status.state !== 'valid') {
    return (
      <AuthCard title={title}>
        <Alert tone="error">{t(`accountant.invite.${status.state}`)}</Alert>
        <Button asChild variant="secondary">
          <Link href="/">{t('accountant.invite.toStart')}</Link>
        </Button>
      </AuthCard>
    );
  }

  const myEmail = typeof claims.email === 'string' ? claims.email : '';
  const matches = myEmail.toLowerCase() === status.email;
  return (
    <AuthCard title={title} subtitle={t('accountant.invite.valid', { workspace: status.workspaceName || t('accountant.email.unnamed') })}>
      <dl className="grid gap-3 text-sm">
        <div>
          <dt className="text-muted">{t('accountant.invite.invitedEmail')}</dt>
          <dd className="mt-1 break-all font-medium">{status.email}</dd>
        </div>
        <div>
          <dt className="text-muted">{t('accountant.invite.signedInAs')}</dt>
          <dd className="mt-1 break-all font-medium">{myEmail}</dd>
        </div>
      </dl>
      {matches ? (
        <AcceptForm token={token} />
      ) : (
        <>
          <Alert tone="error">{t('accountant.invite.mismatch', { email: status.email })}</Alert>
          <form action={signOut}>
            <Button type="submit" variant="secondary">
              {t('accountant.invite.signOut')}
            </Button>
          </form>
        </>
      )}
    </AuthCard>
  );
}
