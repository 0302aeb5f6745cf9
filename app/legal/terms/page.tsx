import type { Metadata } from 'next';
import { LegalPlaceholder } from '@/components/shell/legal-placeholder';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('legal.terms') };
}

export default async function Page() {
  const { t } = await getTranslator();
  return <LegalPlaceholder title={t('legal.terms')} />;
}
