// Profil → Företaget: the business details invoices need, the logo and the invoice numbering.
import type { Metadata } from 'next';
import { InvoiceSeriesForm } from '@/components/invoices/series-form';
import { LogoForm } from '@/components/profile/logo-form';
import { ProfileForm } from '@/components/profile/profile-form';
import { getTranslator } from '@/lib/i18n/server';
import { loadInvoiceSeries } from '@/lib/invoices/series';
import { loadOwnProfile, profileFormValues } from '@/lib/profile/load';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('profile.title') };
}

export default async function ProfilePage() {
  const { t } = await getTranslator();
  const profile = await loadOwnProfile();
  const series = await loadInvoiceSeries();
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="space-y-6">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">{t('profile.title')}</h1>
          <p className="text-muted">{t('profile.intro')}</p>
        </div>
        <ProfileForm stored={profileFormValues(profile)} />
      </div>
      <aside className="space-y-6 lg:pt-16">
        <LogoForm logoVersion={profile.logoPath?.split('/').pop() ?? null} />
        <InvoiceSeriesForm series={series} />
      </aside>
    </div>
  );
}
