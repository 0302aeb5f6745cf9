import type { SelectHTMLAttributes } from 'react';
import { cn } from './cn';

/** A native select styled like Input (native: keyboard, mobile pickers and forms without script). */
export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      className={cn(
        'block h-10 w-full rounded-lg border border-border bg-surface px-3 text-[15px] text-fg',
        'focus:border-ring focus:outline-none focus:ring-2 focus:ring-ring/25 aria-invalid:border-danger',
        className,
      )}
      {...props}
    />
  );
}
