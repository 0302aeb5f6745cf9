// Where a tombstoned account lands after signing in: restore it, or sign out. Nothing else is
// possible; the database shows a tombstoned user no data at all.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { RestoreAccountForm } from '@/components/privacy/account-forms';
import { Button } from '@/components/ui/button';
import { signOut } from '@/lib/auth/actions';
import { formatDate } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';
import { pendingDeletion } from '@/lib/privacy/account';
import { pageContext } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('privacy.restore.title') };
}

export default async function RestorePage() {
  const ctx = await pageContext();
  const pending = await pendingDeletion(ctx.tx);
  if (!pending) redirect('/');
  const { t, locale } = await getTranslator();
  return (
    <AuthCard
      title={t('privacy.restore.title')}
      subtitle={t('privacy.restore.body', {
        requested: formatDate(pending.requestedAt, locale, 'long'),
        purge: formatDate(pending.purgeAfter, locale, 'long'),
      })}
      footer={
        <form action={signOut}>
          <Button type="submit" variant="link">
            {t('privacy.restore.signOut')}
          </Button>
        </form>
      }
    >
      <RestoreAccountForm />
    </AuthCard>
  );
}
