import type { MessageKey } from '@/lib/i18n/catalogue';

export const NAV_ITEMS: { href: string; label: MessageKey }[] = [
  { href: '/', label: 'nav.overview' },
  { href: '/karta', label: 'nav.map' },
  { href: '/tid', label: 'nav.time' },
  { href: '/fakturor', label: 'nav.invoices' },
  { href: '/profil', label: 'nav.profile' },
];
