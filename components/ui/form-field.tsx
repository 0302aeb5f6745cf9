'use client';
// Fields of the surrounding ActionForm: the error and what was typed come from its state
// (useFieldState), so a form lists its fields and nothing else. Password fields get nothing back.
import { Field, type FieldProps } from './field';
import { useFieldState } from './form';

export function FormField(props: FieldProps) {
  const { error, value } = useFieldState(props.name);
  return <Field defaultValue={props.type === 'password' ? undefined : value} error={error} {...props} />;
}

/**
 * The email address field of every form that asks for one (sign-in, sign-up, password reset, email
 * change, an accountant's invitation); `value` fills it in where the address is known.
 */
export function EmailField({
  label,
  hint,
  value,
  autoComplete = 'email',
}: {
  label: string;
  hint?: string;
  value?: string;
  autoComplete?: string;
}) {
  const { value: typed } = useFieldState('email');
  return (
    <FormField label={label} name="email" type="email" autoComplete={autoComplete} required hint={hint} defaultValue={typed ?? value} />
  );
}
