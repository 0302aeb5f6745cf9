'use client';
// Light/dark/system theme kept in localStorage by next-themes: no cookie involved.
import { ThemeProvider as NextThemes } from 'next-themes';
import type { ReactNode } from 'react';

/** `nonce`: the request's CSP nonce, for the inline script that sets the theme before paint. */
export function ThemeProvider({ children, nonce }: { children: ReactNode; nonce?: string }) {
  return (
    <NextThemes attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange storageKey="konsult-theme" nonce={nonce}>
      {children}
    </NextThemes>
  );
}
