// Legal pages are public and readable signed in or out.
import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { LanguageLinks } from '@/components/i18n/language-links';
import { Logo } from '@/components/shell/logo';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { getTranslator } from '@/lib/i18n/server';

export default async function LegalLayout({ children }: { children: ReactNode }) {
  const { t } = await getTranslator();
  return (
    <div className="flex flex-1 flex-col">
      <header className="mx-auto flex w-full max-w-3xl items-center justify-between px-4 py-5 sm:px-6">
        <Logo name={t('brand.name')} />
        <div className="flex items-center gap-2">
          <Suspense>
            <LanguageLinks />
          </Suspense>
          <ThemeToggle />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 pb-16 pt-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}
