'use client';
// Account menu: who is signed in, language choice (saved on the account) and sign out (POST).
import { usePathname } from 'next/navigation';
import { useRef } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { ChevronDownIcon } from '@/components/theme/icons';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { LOCALES } from '@/lib/i18n/catalogue';

export function UserMenu({
  email,
  signOutAction,
  setLocaleAction,
}: {
  email: string;
  signOutAction: () => Promise<void>;
  setLocaleAction: (formData: FormData) => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const pathname = usePathname();
  const signOutForm = useRef<HTMLFormElement>(null);
  const localeForm = useRef<HTMLFormElement>(null);
  const localeInput = useRef<HTMLInputElement>(null);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger
          className="inline-flex h-9 max-w-56 items-center gap-2 rounded-lg border border-border bg-surface px-2.5 text-sm font-medium hover:bg-subtle"
          aria-label={`${email}, ${t('nav.account')}`}
        >
          {/* The initial stands in for the address on a phone; beside it, it would be read as part of the name. */}
          <span
            aria-hidden
            className="grid h-6 w-6 shrink-0 place-items-center rounded-full bg-accent-soft text-xs font-semibold uppercase text-accent sm:hidden"
          >
            {email.slice(0, 1)}
          </span>
          <span className="hidden truncate sm:inline">{email}</span>
          <ChevronDownIcon />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel className="normal-case tracking-normal">
            <span className="block text-xs text-muted">{t('home.email')}</span>
            <span className="block truncate text-sm font-medium text-fg">{email}</span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuLabel>{t('language.label')}</DropdownMenuLabel>
          <DropdownMenuRadioGroup
            value={locale}
            onValueChange={(value) => {
              if (!localeInput.current || value === locale) return;
              localeInput.current.value = value;
              localeForm.current?.requestSubmit();
            }}
          >
            {LOCALES.map((l) => (
              <DropdownMenuRadioItem key={l} value={l} lang={l}>
                {t(`language.${l}`)}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => signOutForm.current?.requestSubmit()}>{t('auth.signOut')}</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {/* Real forms, so both work as plain POSTs and stay keyboard accessible. */}
      <form ref={signOutForm} action={signOutAction} hidden>
        <button type="submit">{t('auth.signOut')}</button>
      </form>
      <form ref={localeForm} action={setLocaleAction} hidden>
        <input ref={localeInput} type="hidden" name="locale" defaultValue={locale} />
        <input type="hidden" name="returnTo" value={pathname} readOnly />
      </form>
    </>
  );
}
