import type { Metadata } from 'next';
import { ComingSoon } from '@/components/shell/coming-soon';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('nav.profile') };
}

export default async function Page() {
  const { t } = await getTranslator();
  return <ComingSoon title={t('nav.profile')} />;
}
