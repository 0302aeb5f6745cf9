import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { AppShell } from '@/components/shell/app-shell';
import { requireUser } from '@/lib/auth/claims';
import { pendingDeletion } from '@/lib/privacy/account';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  // A tombstoned account may only restore (the database shows it nothing anyway).
  if (await pendingDeletion(user.claims)) redirect('/restore');
  return <AppShell email={user.email ?? ''}>{children}</AppShell>;
}
