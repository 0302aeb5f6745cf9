// Onboarding: after sign-up, a short guided form for what invoices need. It can be skipped.
import type { Metadata } from 'next';
import { ProfileForm } from '@/components/profile/profile-form';
import { getTranslator } from '@/lib/i18n/server';
import { loadOwnProfile, profileFormValues } from '@/lib/profile/load';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('profile.onboarding.title') };
}

export default async function WelcomePage() {
  const { t } = await getTranslator();
  const profile = await loadOwnProfile();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t('profile.onboarding.title')}</h1>
        <p className="text-muted">{t('profile.onboarding.intro')}</p>
      </div>
      <ProfileForm stored={profileFormValues(profile)} onboarding />
    </div>
  );
}
