// The second step of signing in: the password is done (an aal1 session), the account has a
// verified authenticator app, and until its code is entered every app page sends the user here
// (lib/request/context.ts) while the database shows the session nothing.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SecondStepForm } from '@/components/mfa/forms';
import { Button } from '@/components/ui/button';
import { signOut } from '@/lib/auth/actions';
import { getVerifiedClaims } from '@/lib/auth/claims';
import { getTranslator } from '@/lib/i18n/server';
import { safeNext } from '@/lib/security/safe-next';
import { createClient } from '@/lib/supabase/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('mfa.step.title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SecondStepPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const next = safeNext(Array.isArray(params.next) ? params.next[0] : params.next);
  const claims = await getVerifiedClaims();
  if (!claims) redirect('/login');
  if (claims.aal === 'aal2') redirect(next);
  const { data, error } = await (await createClient()).auth.mfa.listFactors();
  if (error) redirect('/login?error=session_expired');
  const factors = data.totp.map((f) => ({ id: f.id, name: f.friendly_name ?? '' }));
  if (!factors.length) redirect(next);
  const { t } = await getTranslator();
  return (
    <AuthCard title={t('mfa.step.title')} subtitle={t('mfa.step.subtitle')}>
      <SecondStepForm factors={factors} next={next} />
      <p className="mt-6 text-sm leading-relaxed text-muted">{t('mfa.step.lost')}</p>
      <form action={signOut} className="mt-4">
        <Button type="submit" variant="link">
          {t('mfa.step.signOut')}
        </Button>
      </form>
    </AuthCard>
  );
}
