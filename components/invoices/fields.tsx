'use client';
// Inputs bound to the surrounding ActionForm's errors and kept values.
import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';
import { Field, type FieldProps } from '@/components/ui/field';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { cn } from '@/components/ui/cn';
import { useFieldState } from '@/components/ui/form';

export function FormField({ name, defaultValue, ...props }: FieldProps) {
  const { error, value } = useFieldState(name);
  return <Field name={name} error={error} defaultValue={value ?? defaultValue} {...props} />;
}

export function SelectField({
  label,
  name,
  children,
  className,
  ...props
}: { label: string; name: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = `${name}-${useId()}`;
  const { error } = useFieldState(name);
  return (
    <div className={cn('space-y-1.5', className)}>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...props}>
        {children}
      </Select>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function CheckboxField({ label, name, defaultChecked }: { label: string; name: string; defaultChecked?: boolean }) {
  const id = `${name}-${useId()}`;
  return (
    <div className="flex items-center gap-2">
      <input id={id} type="checkbox" name={name} defaultChecked={defaultChecked} className="h-4 w-4 accent-[var(--accent)]" />
      <Label htmlFor={id}>{label}</Label>
    </div>
  );
}
