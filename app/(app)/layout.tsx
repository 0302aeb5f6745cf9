import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { pageContext } from '@/lib/request/context';

export default async function AppLayout({ children }: { children: ReactNode }) {
  // Signed-out visitors go to /login; the request's transaction opens with the first reader.
  await pageContext();
  return <AppShell>{children}</AppShell>;
}
