'use client';
// A row of tabs for the pages inside one section (Profil: business, accountant, security, data).
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useI18n } from '@/components/i18n/provider';
import { cn } from '@/components/ui/cn';
import type { MessageKey } from '@/lib/i18n/catalogue';

export function SubNav({ label, items }: { label: MessageKey; items: { href: string; label: MessageKey }[] }) {
  const { t } = useI18n();
  const pathname = usePathname();
  return (
    <nav aria-label={t(label)} className="-mx-1 overflow-x-auto">
      <ul className="flex min-w-max gap-1 border-b border-border px-1">
        {items.map((item) => {
          const active = pathname === item.href;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  '-mb-px inline-block border-b-2 px-3 py-2.5 text-sm font-medium transition-colors',
                  active ? 'border-accent text-accent' : 'border-transparent text-muted hover:text-fg',
                )}
              >
                {t(item.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
