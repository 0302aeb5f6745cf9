// The signed-in frame every app page sits in: header with navigation, account menu and theme.
import type { ReactNode } from 'react';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { changeLocale, signOut } from '@/lib/actions/auth';
import { getTranslator } from '@/lib/i18n/server';
import { Logo } from './logo';
import { MainNav, MobileNav } from './main-nav';
import { UserMenu } from './user-menu';

export async function AppShell({ email, children }: { email: string; children: ReactNode }) {
  const { t } = await getTranslator();
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-3 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:shadow">
        {t('nav.skipToContent')}
      </a>
      <header className="sticky top-0 z-30 border-b border-border bg-bg/85 backdrop-blur supports-[backdrop-filter]:bg-bg/70">
        <div className="relative mx-auto flex h-16 max-w-6xl items-center gap-2 px-3 sm:gap-4 sm:px-6">
          <MobileNav />
          <Logo name={t('brand.name')} />
          <div className="min-w-0 flex-1 md:ml-4">
            <MainNav />
          </div>
          <div className="ml-auto flex shrink-0 items-center gap-1">
            <ThemeToggle />
            <UserMenu email={email} signOutAction={signOut} setLocaleAction={changeLocale} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
        {children}
      </main>
    </div>
  );
}
