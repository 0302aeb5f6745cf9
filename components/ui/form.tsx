'use client';
// The one form kit for server-action forms: the form-level message, field errors and kept values
// (what was typed comes back after an error, so nothing is lost), and the submit button, disabled
// while the action runs so a double click submits once. In an ActionForm the outcome ("Sparat",
// "Rätta fälten") appears next to the button that was pressed, not at the top of a long form.
import { createContext, useActionState, useContext, useId, useState, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { Alert } from '@/components/ui/alert';
import { Button, type ButtonProps } from '@/components/ui/button';
import { initialState, type ActionState } from '@/lib/actions/state';

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function FormMessage({ state }: { state: ActionState }) {
  if (state.ok) return state.message ? <Alert tone="success">{state.message}</Alert> : null;
  return state.formError ? <Alert tone="error">{state.formError}</Alert> : null;
}

/** The id of the submit button that sent the surrounding ActionForm (null: none, or not in one). */
const PressedContext = createContext<string | null | undefined>(undefined);

export function Submit({ label, pendingLabel, ...props }: { label: string; pendingLabel?: string } & ButtonProps) {
  const { pending } = useFormStatus();
  const generated = useId();
  const id = props.id ?? `submit-${generated}`;
  const pressed = useContext(PressedContext);
  const state = useContext(StateContext);
  return (
    <>
      <Button type="submit" disabled={pending || props.disabled} aria-disabled={pending} {...props} id={id}>
        {pending && pendingLabel ? pendingLabel : label}
      </Button>
      {pressed === id && !pending ? <FormMessage state={state} /> : null}
    </>
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

/** The state of the surrounding ActionForm (its last outcome, field errors and kept values). */
export const useFormState = () => useContext(StateContext);

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
  const [pressed, setPressed] = useState<string | null>(null);
  return (
    <StateContext.Provider value={state}>
      <PressedContext.Provider value={pressed}>
        <form
          action={formAction}
          className={className}
          noValidate
          aria-label={label}
          // Enter in a field presses the form's first submit button too; a script's submit presses none.
          onSubmit={(event) => setPressed((event.nativeEvent as SubmitEvent).submitter?.id || null)}
        >
          {pressed === null ? <FormMessage state={state} /> : null}
          {children}
        </form>
      </PressedContext.Provider>
    </StateContext.Provider>
  );
}
