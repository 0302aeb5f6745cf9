// The signed-in frame every app page sits in: header with navigation for the active workspace's
// role, the workspace switcher (when the user belongs to several), account menu and theme.
import type { ReactNode } from 'react';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { switchWorkspaceForm } from '@/lib/accountant/actions';
import { changeLocale, signOut } from '@/lib/auth/actions';
import { requireUser } from '@/lib/auth/claims';
import { withUserTransaction } from '@/lib/db/transaction';
import { listMyWorkspaces } from '@/lib/db/workspaces';
import { getTranslator } from '@/lib/i18n/server';
import { Logo } from './logo';
import { MainNav, MobileNav } from './main-nav';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

export async function AppShell({ email, children }: { email: string; children: ReactNode }) {
  const { t } = await getTranslator();
  const user = await requireUser();
  // Unscoped: every membership, and the one requests act in (the saved choice, else the own).
  const { workspaces, active } = await withUserTransaction(
    user.claims,
    async (tx, workspace) => ({ workspaces: await listMyWorkspaces(tx), active: workspace }),
    { unscoped: true },
  );
  const role = active?.role ?? 'owner';
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-3 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:shadow">
        {t('nav.skipToContent')}
      </a>
      <header className="sticky top-0 z-30 border-b border-border bg-bg/85 backdrop-blur supports-[backdrop-filter]:bg-bg/70">
        <div className="relative mx-auto flex h-16 max-w-6xl items-center gap-2 px-3 sm:gap-4 sm:px-6">
          <MobileNav role={role} />
          <Logo name={t('brand.name')} href={role === 'accountant' ? '/portal' : '/'} />
          <div className="min-w-0 flex-1 md:ml-4">
            <MainNav role={role} />
          </div>
          <div className="ml-auto flex min-w-0 shrink items-center gap-1">
            {workspaces.length > 1 && active ? (
              <WorkspaceSwitcher
                workspaces={workspaces.map((w) => ({ id: w.id, name: w.name, role: w.role }))}
                activeId={active.id}
                switchAction={switchWorkspaceForm}
              />
            ) : null}
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
