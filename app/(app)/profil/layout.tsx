// Profil: the business profile and the pages about the account (accountant access, security log,
// export and deletion), as tabs.
import type { ReactNode } from 'react';
import { SubNav } from '@/components/shell/sub-nav';

const PROFILE_PAGES = [
  { href: '/profil', label: 'profileNav.business' },
  { href: '/profil/redovisning', label: 'profileNav.accountants' },
  { href: '/profil/sakerhet', label: 'profileNav.security' },
  { href: '/profil/data', label: 'profileNav.data' },
] as const;

export default function ProfileLayout({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-8">
      <SubNav label="profileNav.label" items={[...PROFILE_PAGES]} />
      {children}
    </div>
  );
}
