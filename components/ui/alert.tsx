import type { ReactNode } from 'react';
import { cn } from './cn';

/** A form-level message; `role` makes screen readers announce it when it appears. */
export function Alert({ tone, children }: { tone: 'error' | 'success' | 'info'; children: ReactNode }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn(
        'rounded-lg px-3.5 py-3 text-sm',
        tone === 'error' && 'bg-danger-soft text-danger',
        tone === 'success' && 'bg-success-soft text-success',
        tone === 'info' && 'bg-subtle text-fg',
      )}
    >
      {children}
    </div>
  );
}
