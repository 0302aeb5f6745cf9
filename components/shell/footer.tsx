// Shown on every page: the legal pages are part of the product.
import Link from 'next/link';
import { getTranslator } from '@/lib/i18n/server';

export async function Footer() {
  const { t } = await getTranslator();
  const links = [
    { href: '/legal/privacy', label: t('footer.privacy') },
    { href: '/legal/terms', label: t('footer.terms') },
    { href: '/legal/security', label: t('footer.security') },
    { href: '/legal/cookies', label: t('footer.cookies') },
  ];
  return (
    <footer className="border-t border-border">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-sm text-muted sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>
          © {new Date().getFullYear()} {t('brand.name')}
        </p>
        <nav aria-label={t('footer.legal')}>
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className="hover:text-fg hover:underline underline-offset-4">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
