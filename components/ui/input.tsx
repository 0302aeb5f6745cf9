import type { InputHTMLAttributes } from 'react';
import { cn } from './cn';

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      className={cn(
        'block h-10 w-full rounded-lg border border-border bg-surface px-3 text-[15px] text-fg shadow-xs',
        'placeholder:text-muted/70 transition-colors focus:border-ring focus:outline-none focus:ring-2 focus:ring-ring/25',
        'aria-invalid:border-danger aria-invalid:focus:ring-danger/25 disabled:opacity-60',
        className,
      )}
      {...props}
    />
  );
}
