'use client';
// Language switch for signed-out pages: links that set ?lang= (no cookie is written).
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useI18n } from './provider';
import { LOCALES } from '@/lib/i18n/catalogue';
import { cn } from '@/components/ui/cn';

export function LanguageLinks() {
  const { locale, t } = useI18n();
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <nav aria-label={t('language.switchTo')} className="flex items-center gap-1 text-sm">
      {LOCALES.map((l) => {
        const next = new URLSearchParams(params);
        next.set('lang', l);
        return (
          <Link
            key={l}
            href={`${pathname}?${next}`}
            lang={l}
            hrefLang={l}
            aria-current={l === locale ? 'true' : undefined}
            className={cn(
              'rounded-md px-2 py-1 transition-colors',
              l === locale ? 'bg-subtle font-medium text-fg' : 'text-muted hover:text-fg',
            )}
          >
            {t(`language.${l}`)}
          </Link>
        );
      })}
    </nav>
  );
}
