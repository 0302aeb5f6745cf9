'use client';
// The consultant's rounding rule for logged time (none, or up to 1, 6 or 15 minutes): the
// database applies it to entries and the timer; the rule in words sits where time is entered.
import { useI18n } from '@/components/i18n/provider';
import { ActionForm, Submit, useFieldState } from '@/components/ui/form';
import { setTimeRounding } from '@/lib/time/actions';
import { ROUNDING_STEPS, type RoundingStep } from '@/lib/time/rounding';
import { SelectField } from '@/components/invoices/fields';

function StepSelect({ current }: { current: RoundingStep }) {
  const { t } = useI18n();
  const kept = useFieldState('step').value;
  return (
    <SelectField name="step" label={t('time.rounding.label')} defaultValue={kept ?? String(current)} className="min-w-44 flex-1">
      {ROUNDING_STEPS.map((step) => (
        <option key={step} value={step}>
          {t(`time.rounding.choices.${step}`)}
        </option>
      ))}
    </SelectField>
  );
}

export function RoundingForm({ current }: { current: RoundingStep }) {
  const { t } = useI18n();
  return (
    <ActionForm action={setTimeRounding} className="space-y-3" label={t('time.rounding.label')}>
      <div className="flex flex-wrap items-end gap-2" data-testid="rounding-form">
        <StepSelect current={current} />
        <Submit variant="secondary" label={t('time.rounding.save')} />
      </div>
    </ActionForm>
  );
}
