// Tid: logging hours (quick entry, timer, the week's entries) and the week grid, as tabs.
import type { ReactNode } from 'react';
import { SubNav } from '@/components/shell/sub-nav';
import { getTranslator } from '@/lib/i18n/server';
import { ownerPageContext } from '@/lib/request/context';

const TIME_PAGES = [
  { href: '/tid', label: 'time.tabs.list' },
  { href: '/tid/vecka', label: 'time.tabs.week' },
] as const;

export default async function TimeLayout({ children }: { children: ReactNode }) {
  await ownerPageContext();
  const { t } = await getTranslator();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t('time.title')}</h1>
        <p className="text-muted">{t('time.intro')}</p>
      </div>
      <SubNav label="time.tabs.label" items={[...TIME_PAGES]} />
      {children}
    </div>
  );
}
