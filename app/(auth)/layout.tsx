// Frame for signed-out pages: brand, language and theme switches, one focused card.
import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { LanguageLinks } from '@/components/i18n/language-links';
import { Logo } from '@/components/shell/logo';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { getTranslator } from '@/lib/i18n/server';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = await getTranslator();
  return (
    <div className="flex flex-1 flex-col">
      <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-4 py-5 sm:px-6">
        <Logo name={t('brand.name')} href="/login" />
        <div className="flex items-center gap-2">
          <Suspense>
            <LanguageLinks />
          </Suspense>
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:pt-12">
        <div className="w-full max-w-[26rem]">
          {children}
          <p className="mt-8 text-center text-sm text-muted">{t('brand.tagline')}</p>
        </div>
      </main>
    </div>
  );
}
