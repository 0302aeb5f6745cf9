// Frame for signed-out pages: brand, language and theme switches, one focused card.
import type { ReactNode } from 'react';
import { PublicHeader } from '@/components/shell/public-header';
import { getTranslator } from '@/lib/i18n/server';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = await getTranslator();
  return (
    <div className="flex flex-1 flex-col">
      <PublicHeader logoHref="/login" className="max-w-6xl" />
      <main id="main" className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:pt-12">
        <div className="w-full max-w-[26rem]">
          {children}
          <p className="mt-8 text-center text-sm text-muted">{t('brand.tagline')}</p>
        </div>
      </main>
    </div>
  );
}
