'use client';
// Radix dropdown menu (focus management, typeahead, arrow keys) styled for the app.
import * as Menu from '@radix-ui/react-dropdown-menu';
import type { ComponentProps } from 'react';
import { cn } from './cn';

export const DropdownMenu = Menu.Root;
export const DropdownMenuTrigger = Menu.Trigger;
export const DropdownMenuRadioGroup = Menu.RadioGroup;

export function DropdownMenuContent({ className, sideOffset = 6, ...props }: ComponentProps<typeof Menu.Content>) {
  return (
    <Menu.Portal>
      <Menu.Content
        sideOffset={sideOffset}
        className={cn('z-50 min-w-52 rounded-xl border border-border bg-surface p-1.5 text-sm text-fg shadow-lg', className)}
        {...props}
      />
    </Menu.Portal>
  );
}

const itemClass =
  'flex cursor-default select-none items-center gap-2 rounded-md px-2.5 py-2 outline-none data-[highlighted]:bg-subtle data-[disabled]:opacity-50';

export function DropdownMenuItem({ className, ...props }: ComponentProps<typeof Menu.Item>) {
  return <Menu.Item className={cn(itemClass, className)} {...props} />;
}

export function DropdownMenuRadioItem({ className, children, ...props }: ComponentProps<typeof Menu.RadioItem>) {
  return (
    <Menu.RadioItem className={cn(itemClass, 'pl-7 relative', className)} {...props}>
      <Menu.ItemIndicator className="absolute left-2.5 inline-flex">
        <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-accent" />
      </Menu.ItemIndicator>
      {children}
    </Menu.RadioItem>
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<typeof Menu.Label>) {
  return <Menu.Label className={cn('px-2.5 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-muted', className)} {...props} />;
}

export function DropdownMenuSeparator({ className, ...props }: ComponentProps<typeof Menu.Separator>) {
  return <Menu.Separator className={cn('my-1.5 h-px bg-border', className)} {...props} />;
}
