import type { MessageKey } from '@/lib/i18n/catalogue';

export type NavRole = 'owner' | 'accountant';

const OWNER_ITEMS: { href: string; label: MessageKey }[] = [
  { href: '/', label: 'nav.overview' },
  { href: '/karta', label: 'nav.map' },
  { href: '/tid', label: 'nav.time' },
  { href: '/fakturor', label: 'nav.invoices' },
  { href: '/profil', label: 'nav.profile' },
];

/** An accountant acting in a client's workspace reads invoices there, nothing else. */
const ACCOUNTANT_ITEMS: { href: string; label: MessageKey }[] = [{ href: '/portal', label: 'accountant.nav.portal' }];

export function navItems(role: NavRole) {
  return role === 'accountant' ? ACCOUNTANT_ITEMS : OWNER_ITEMS;
}
