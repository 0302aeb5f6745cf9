import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/i18n/provider';
import { Footer } from '@/components/shell/footer';
import { ThemeProvider } from '@/components/theme/theme-provider';
import { getTranslator } from '@/lib/i18n/server';
import { NONCE_HEADER } from '@/lib/security/csp';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: { default: t('meta.title'), template: `%s · ${t('meta.title')}` }, description: t('meta.description') };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f7f6f3' },
    { media: '(prefers-color-scheme: dark)', color: '#121413' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale } = await getTranslator();
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    // next-themes sets the theme class before hydration, hence the warning suppression.
    <html lang={locale} suppressHydrationWarning>
      <body className="flex min-h-dvh flex-col">
        <ThemeProvider nonce={nonce}>
          <I18nProvider locale={locale}>
            <div className="flex flex-1 flex-col">{children}</div>
            <Footer />
          </I18nProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
