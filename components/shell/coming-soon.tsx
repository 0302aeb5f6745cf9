import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { getTranslator } from '@/lib/i18n/server';

export async function ComingSoon({ title }: { title: string }) {
  const { t } = await getTranslator();
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <p className="text-sm font-medium text-accent">{t('comingSoon.title')}</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">{title}</h1>
      <p className="mt-3 text-muted">{t('comingSoon.text')}</p>
      <Button asChild variant="secondary" className="mt-8">
        <Link href="/">{t('comingSoon.back')}</Link>
      </Button>
    </div>
  );
}

/** Title and page of a section that is not built yet, named by its navigation label. */
export function comingSoonPage(label: MessageKey) {
  return {
    async generateMetadata(): Promise<Metadata> {
      const { t } = await getTranslator();
      return { title: t(label) };
    },
    async Page() {
      const { t } = await getTranslator();
      return <ComingSoon title={t(label)} />;
    },
  };
}
