'use client';
// A form posting to one invoice server action: the form-level message, field errors, kept values,
// and a submit button that is disabled while the action runs (a double click submits once).
import { createContext, useActionState, useContext, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { Alert } from '@/components/ui/alert';
import { Button, type ButtonProps } from '@/components/ui/button';
import { initialState, type ActionState } from '@/lib/actions/state';

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

const StateContext = createContext<ActionState>(initialState);
const OuterErrorsContext = createContext<Record<string, string>>({});

/**
 * Errors another form's action reported about these fields (sending reports on the draft's dates),
 * shown until this form is submitted itself.
 */
export const OuterErrorsProvider = OuterErrorsContext.Provider;

/** The field error and kept value of the surrounding ActionForm. */
export function useFieldState(name: string) {
  const state = useContext(StateContext);
  const outer = useContext(OuterErrorsContext);
  const error = state === initialState ? outer[name] : state.ok ? undefined : state.fieldErrors[name];
  return { error, value: state.values?.[name] };
}

export function ActionForm({ action, children, className, label }: { action: Action; children: ReactNode; className?: string; label?: string }) {
  const [state, formAction] = useActionState(action, initialState);
  return (
    <StateContext.Provider value={state}>
      <form action={formAction} className={className} noValidate aria-label={label}>
        {state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null}
        {!state.ok && state.formError ? <Alert tone="error">{state.formError}</Alert> : null}
        {children}
      </form>
    </StateContext.Provider>
  );
}

export function Submit({ label, pendingLabel, ...props }: { label: string; pendingLabel?: string } & ButtonProps) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-disabled={pending} {...props}>
      {pending && pendingLabel ? pendingLabel : label}
    </Button>
  );
}
