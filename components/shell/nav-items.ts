import type { MessageKey } from '@/lib/i18n/catalogue';

/** 'none': signed in without any workspace (an accountant whose access ended). */
export type NavRole = 'owner' | 'accountant' | 'none';

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
  return role === 'owner' ? OWNER_ITEMS : role === 'accountant' ? ACCOUNTANT_ITEMS : [];
}
