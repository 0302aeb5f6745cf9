'use client';
// Light/dark/system theme kept in localStorage by next-themes: no cookie involved.
import { ThemeProvider as NextThemes } from 'next-themes';
import type { ReactNode } from 'react';

export function ThemeProvider({ children }: { children: ReactNode }) {
  return (
    <NextThemes attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange storageKey="konsult-theme">
      {children}
    </NextThemes>
  );
}
