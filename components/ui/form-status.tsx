'use client';
// Form-level outcome, field errors and the submit button, shared by the action forms.
import { useFormStatus } from 'react-dom';
import { Alert } from '@/components/ui/alert';
import { Button, type ButtonProps } from '@/components/ui/button';
import type { ActionState } from '@/lib/actions/state';

export function FormMessage({ state }: { state: ActionState }) {
  if (state.ok) return state.message ? <Alert tone="success">{state.message}</Alert> : null;
  return state.formError ? <Alert tone="error">{state.formError}</Alert> : null;
}

export function Submit({ label, pendingLabel, ...props }: { label: string; pendingLabel: string } & ButtonProps) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} {...props}>
      {pending ? pendingLabel : label}
    </Button>
  );
}

export const fieldError = (state: ActionState, field: string) => (state.ok ? undefined : state.fieldErrors[field]);

/** What to show in a field: what was just typed (after a submit), else the stored value. */
export function valuesAfter(state: ActionState, stored: Record<string, string>) {
  const submitted = state.values && Object.keys(state.values).length > 0;
  return (name: string) => (submitted ? (state.values?.[name] ?? '') : (stored[name] ?? ''));
}
