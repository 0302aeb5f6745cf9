'use client';
// An identifier field (organisation number, VAT, bankgiro, ...) checked as the user types: a wrong
// check digit shows at once, an incomplete number once the field is left; the server checks again.
import { useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Field } from '@/components/ui/field';
import { identifierProblem, type IdentifierField } from '@/lib/profile/identifier-fields';

export function IdentifierInput(props: {
  name: IdentifierField;
  label: string;
  hint?: string;
  defaultValue: string;
  serverError?: string;
  placeholder?: string;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(props.defaultValue);
  const [left, setLeft] = useState(false);
  const [edited, setEdited] = useState(false);
  const problem = identifierProblem(props.name, value);
  const live = problem && (problem.reason === 'checksum' || left) ? t(problem.key) : undefined;
  const error = edited ? live : (props.serverError ?? live);
  const ok = value.trim() && !problem;
  return (
    <Field
      label={props.label}
      name={props.name}
      defaultValue={props.defaultValue}
      placeholder={props.placeholder}
      autoComplete="off"
      spellCheck={false}
      error={error}
      hint={ok ? `✓ ${t('profile.valid')}` : props.hint}
      onChange={(e) => {
        setValue(e.target.value);
        setEdited(true);
      }}
      onBlur={() => setLeft(true)}
    />
  );
}
