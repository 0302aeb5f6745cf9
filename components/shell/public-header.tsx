// Header of the pages anyone may see (sign-in, legal): brand, language and theme switches.
import { Suspense } from 'react';
import { LanguageLinks } from '@/components/i18n/language-links';
import { Logo } from '@/components/shell/logo';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { cn } from '@/components/ui/cn';
import { getTranslator } from '@/lib/i18n/server';

export async function PublicHeader({ logoHref, className }: { logoHref?: string; className: string }) {
  const { t } = await getTranslator();
  return (
    <header className={cn('mx-auto flex w-full items-center justify-between px-4 py-5 sm:px-6', className)}>
      <Logo name={t('brand.name')} href={logoHref} />
      <div className="flex items-center gap-2">
        <Suspense>
          <LanguageLinks />
        </Suspense>
        <ThemeToggle />
      </div>
    </header>
  );
}
