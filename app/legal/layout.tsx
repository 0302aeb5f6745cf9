// Legal pages are public and readable signed in or out.
import type { ReactNode } from 'react';
import { PublicHeader } from '@/components/shell/public-header';

export default function LegalLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-1 flex-col">
      <PublicHeader className="max-w-3xl" />
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 pb-16 pt-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}
