// The signed-in frame every app page sits in: header with navigation for the active workspace's
// role, the workspace switcher (when the user belongs to several), account menu and theme. The
// header reads the frame from the request's transaction (lib/request) and renders beside the page,
// not before it, so both use the one transaction the page's data is read in.
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { HeaderTimerSlot } from '@/components/time/header-timer-slot';
import { switchWorkspaceForm } from '@/lib/accountant/actions';
import { changeLocale, signOut } from '@/lib/auth/actions';
import { NO_ACCESS_PAGE, pageContext } from '@/lib/request/context';
import { DemoNotice } from './demo-notice';
import { Logo } from './logo';
import { MainNav, MobileNav } from './main-nav';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <ShellHeader />
      <DemoNotice />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
        {children}
      </main>
    </div>
  );
}

async function ShellHeader() {
  const { t, claims, frame } = await pageContext();
  // Every membership (read before the transaction narrows), and the one requests act in.
  const { memberships: workspaces, workspace: active, deletion } = await frame();
  // A tombstoned account may only restore (the database shows it nothing anyway).
  if (deletion) redirect('/restore');
  const email = typeof claims.email === 'string' ? claims.email : '';
  const role = active?.role ?? 'none';
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-3 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:shadow"
      >
        {t('nav.skipToContent')}
      </a>
      <header className="sticky top-0 z-30 border-b border-border bg-bg/85 backdrop-blur supports-[backdrop-filter]:bg-bg/70">
        <div className="relative mx-auto flex h-16 max-w-6xl items-center gap-2 px-3 sm:gap-4 sm:px-6">
          <MobileNav role={role} />
          <Logo
            name={t('brand.name')}
            href={role === 'accountant' ? '/portal' : role === 'none' ? NO_ACCESS_PAGE : '/'}
            compact={workspaces.length > 1}
          />
          <div className="hidden min-w-0 flex-1 md:ml-4 md:block">
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
            {role === 'owner' ? <HeaderTimerSlot /> : null}
            <ThemeToggle />
            <UserMenu email={email} signOutAction={signOut} setLocaleAction={changeLocale} />
          </div>
        </div>
      </header>
    </>
  );
}
