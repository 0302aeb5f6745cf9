'use client';
// The one form kit for server-action forms: the form-level message, field errors and kept values
// (what was typed comes back after an error, so nothing is lost), and the submit button, disabled
// while the action runs so a double click submits once.
import { createContext, useActionState, useContext, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { Alert } from '@/components/ui/alert';
import { Button, type ButtonProps } from '@/components/ui/button';
import { initialState, type ActionState } from '@/lib/actions/state';

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function FormMessage({ state }: { state: ActionState }) {
  if (state.ok) return state.message ? <Alert tone="success">{state.message}</Alert> : null;
  return state.formError ? <Alert tone="error">{state.formError}</Alert> : null;
}

export function Submit({ label, pendingLabel, ...props }: { label: string; pendingLabel?: string } & ButtonProps) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending || props.disabled} aria-disabled={pending} {...props}>
      {pending && pendingLabel ? pendingLabel : label}
    </Button>
  );
}

export const fieldError = (state: ActionState, field: string) => (state.ok ? undefined : state.fieldErrors[field]);

/** What to show in a field: what was just typed (after a submit), else the stored value. */
export function valuesAfter(state: ActionState, stored: Record<string, string>) {
  const submitted = state.values && Object.keys(state.values).length > 0;
  return (name: string) => (submitted ? (state.values?.[name] ?? '') : (stored[name] ?? ''));
}

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
  const error = state === initialState ? outer[name] : fieldError(state, name);
  return { error, value: state.values?.[name] };
}

/** A form posting to one server action, its state shared with the fields inside (useFieldState). */
export function ActionForm({
  action,
  children,
  className,
  label,
}: {
  action: Action;
  children: ReactNode;
  className?: string;
  label?: string;
}) {
  const [state, formAction] = useActionState(action, initialState);
  return (
    <StateContext.Provider value={state}>
      <form action={formAction} className={className} noValidate aria-label={label}>
        <FormMessage state={state} />
        {children}
      </form>
    </StateContext.Provider>
  );
}
