import type { MessageKey } from '@/lib/i18n/catalogue';

export type NavRole = 'owner' | 'accountant';

const OWNER_ITEMS: { href: string; label: MessageKey }[] = [
  { href: '/', label: 'nav.overview' },
  { href: '/karta', label: 'nav.map' },
  { href: '/tid', label: 'nav.time' },
  { href: '/fakturor', label: 'nav.invoices' },
  { href: '/rapporter', label: 'reports.title' },
  { href: '/profil', label: 'nav.profile' },
];

/** An accountant acting in a client's workspace reads invoices and the reports there, nothing else. */
const ACCOUNTANT_ITEMS: { href: string; label: MessageKey }[] = [
  { href: '/portal', label: 'accountant.nav.portal' },
  { href: '/rapporter', label: 'reports.title' },
];

export function navItems(role: NavRole) {
  return role === 'accountant' ? ACCOUNTANT_ITEMS : OWNER_ITEMS;
}
