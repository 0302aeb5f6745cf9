'use client';
// Switches the active workspace (own business, or a client's as accountant). The choice is saved
// on the account by a plain form POST, so it works without the menu's script too.
import { useRef } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { ChevronDownIcon } from '@/components/theme/icons';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';

export interface SwitcherWorkspace {
  id: string;
  name: string;
  role: 'owner' | 'accountant';
}

export function WorkspaceSwitcher({
  workspaces,
  activeId,
  switchAction,
}: {
  workspaces: SwitcherWorkspace[];
  activeId: string;
  switchAction: (formData: FormData) => Promise<void>;
}) {
  const { t } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const active = workspaces.find((w) => w.id === activeId);
  const label = (w: SwitcherWorkspace) => w.name || t('accountant.switcher.unnamed');
  const groups = [
    { key: 'own', title: t('accountant.switcher.own'), items: workspaces.filter((w) => w.role === 'owner') },
    { key: 'client', title: t('accountant.switcher.client'), items: workspaces.filter((w) => w.role === 'accountant') },
  ].filter((g) => g.items.length > 0);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger
          className="inline-flex h-9 min-w-0 max-w-28 items-center gap-1.5 rounded-lg border border-border bg-surface px-2.5 text-sm font-medium hover:bg-subtle sm:max-w-60"
          aria-label={`${t('accountant.switcher.choose')}: ${active ? label(active) : ''}`}
          data-testid="workspace-switcher"
        >
          <span className="truncate">{active ? label(active) : t('accountant.switcher.label')}</span>
          <ChevronDownIcon />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="max-w-80">
          <DropdownMenuRadioGroup
            value={activeId}
            onValueChange={(value) => {
              if (!input.current || value === activeId) return;
              input.current.value = value;
              form.current?.requestSubmit();
            }}
          >
            {groups.map((group, i) => (
              <div key={group.key}>
                {i > 0 ? <DropdownMenuSeparator /> : null}
                <DropdownMenuLabel>{group.title}</DropdownMenuLabel>
                {group.items.map((w) => (
                  <DropdownMenuRadioItem key={w.id} value={w.id}>
                    <span className="truncate">{label(w)}</span>
                  </DropdownMenuRadioItem>
                ))}
              </div>
            ))}
          </DropdownMenuRadioGroup>
        </DropdownMenuContent>
      </DropdownMenu>
      <form ref={form} action={switchAction} hidden>
        <input ref={input} type="hidden" name="workspaceId" defaultValue={activeId} />
      </form>
    </>
  );
}
