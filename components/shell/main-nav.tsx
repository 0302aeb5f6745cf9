'use client';
// Primary navigation: a tab row on wide screens, a disclosure menu on narrow ones.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { MenuIcon } from '@/components/theme/icons';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { navItems, type NavRole } from './nav-items';

function isActive(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** The navigation items as list entries; desktop and mobile differ only in how a link looks. */
function NavLinks({ role, pathname, linkClass }: { role: NavRole; pathname: string; linkClass: (active: boolean) => string }) {
  const { t } = useI18n();
  return navItems(role).map((item) => {
    const active = isActive(pathname, item.href);
    return (
      <li key={item.href}>
        <Link href={item.href} aria-current={active ? 'page' : undefined} className={linkClass(active)}>
          {t(item.label)}
        </Link>
      </li>
    );
  });
}

export function MainNav({ role }: { role: NavRole }) {
  const { t } = useI18n();
  const pathname = usePathname();
  return (
    <nav aria-label={t('nav.main')} className="hidden md:block">
      <ul className="flex items-center gap-1">
        <NavLinks
          role={role}
          pathname={pathname}
          linkClass={(active) =>
            cn(
              'rounded-lg px-3 py-2 text-sm font-medium transition-colors',
              active ? 'bg-accent-soft text-accent' : 'text-muted hover:bg-subtle hover:text-fg',
            )
          }
        />
      </ul>
    </nav>
  );
}

export function MobileNav({ role }: { role: NavRole }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);
  return (
    <div className="md:hidden">
      <Button
        variant="ghost"
        size="icon"
        aria-label={t('nav.openMenu')}
        aria-expanded={open}
        aria-controls="mobile-nav"
        onClick={() => setOpen((o) => !o)}
      >
        <MenuIcon />
      </Button>
      {open ? (
        <nav
          id="mobile-nav"
          aria-label={t('nav.main')}
          className="absolute inset-x-0 top-16 z-40 border-b border-border bg-surface px-4 py-3 shadow-md"
        >
          <ul className="grid gap-1">
            <NavLinks
              role={role}
              pathname={pathname}
              linkClass={(active) =>
                cn('block rounded-lg px-3 py-2.5 font-medium', active ? 'bg-accent-soft text-accent' : 'text-fg hover:bg-subtle')
              }
            />
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
