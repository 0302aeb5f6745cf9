'use client';
// Two-factor sign-in forms: the second step after the password, adding an authenticator app
// (name → QR code and key → confirm with a code) and removing one (with a code). Each posts to a
// server action in lib/auth/mfa-actions.ts; what was typed comes back on an error.
import { useActionState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Field } from '@/components/ui/field';
import { fieldError, FormMessage, Submit } from '@/components/ui/form';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { initialState } from '@/lib/actions/state';
import { completeSecondStep, confirmEnrolment, removeFactor, startEnrolment } from '@/lib/auth/mfa-actions';
import type { ActionState } from '@/lib/actions/state';

export interface FactorChoice {
  id: string;
  name: string;
}

function CodeField({ state, label }: { state: ActionState; label: string }) {
  const { t } = useI18n();
  return (
    <Field
      label={label}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      required
      hint={t('mfa.step.codeHint')}
      defaultValue={state.values?.code}
      error={fieldError(state, 'code')}
    />
  );
}

export function SecondStepForm({ factors, next }: { factors: FactorChoice[]; next: string }) {
  const { t } = useI18n();
  const [state, action] = useActionState(completeSecondStep, initialState);
  const chosen = state.values?.factorId ?? factors[0]?.id;
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      {factors.length > 1 ? (
        <div className="space-y-1.5">
          <Label htmlFor="second-step-factor">{t('mfa.step.factor')}</Label>
          <Select id="second-step-factor" name="factorId" defaultValue={chosen}>
            {factors.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </Select>
        </div>
      ) : (
        <input type="hidden" name="factorId" value={chosen} />
      )}
      <CodeField state={state} label={t('mfa.step.code')} />
      <Submit size="lg" className="w-full" label={t('mfa.step.submit')} pendingLabel={t('mfa.step.pending')} />
    </form>
  );
}

/** The SVG supabase-js hands over as `data:image/svg+xml;utf-8,<svg…>`, as an image source any browser reads. */
function qrSource(qrCode: string): string {
  const svg = qrCode.slice(qrCode.indexOf(',') + 1);
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function EnrolForm() {
  const { t } = useI18n();
  const [started, start] = useActionState(startEnrolment, initialState);
  const [confirmed, confirm] = useActionState(confirmEnrolment, initialState);
  const enrolment = started.ok ? started.data : undefined;
  if (!enrolment)
    return (
      <form action={start} className="space-y-5" noValidate>
        <FormMessage state={started} />
        <Field
          label={t('mfa.settings.name')}
          name="name"
          required
          maxLength={60}
          hint={t('mfa.settings.nameHint')}
          defaultValue={started.values?.name}
          error={fieldError(started, 'name')}
        />
        <Submit label={t('mfa.settings.add')} pendingLabel={t('mfa.settings.adding')} />
      </form>
    );
  return (
    <form action={confirm} className="space-y-5" noValidate>
      <FormMessage state={confirmed} />
      <p className="text-sm leading-relaxed">{t('mfa.settings.scan')}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URI made by Auth, nothing to optimise */}
      <img src={qrSource(enrolment.qrCode)} alt={t('mfa.settings.qrAlt')} width={192} height={192} className="rounded-md bg-white p-2" />
      <div className="space-y-1.5">
        <p className="text-sm font-medium">{t('mfa.settings.secret')}</p>
        <code data-testid="totp-secret" className="block break-all rounded-md bg-subtle px-3 py-2 font-mono text-sm tracking-wider">
          {enrolment.secret}
        </code>
      </div>
      <input type="hidden" name="factorId" value={enrolment.factorId} />
      <CodeField state={confirmed} label={t('mfa.step.code')} />
      <Submit label={t('mfa.settings.confirm')} pendingLabel={t('mfa.settings.confirming')} />
    </form>
  );
}

export function RemoveFactorForm({ factor }: { factor: FactorChoice }) {
  const { t } = useI18n();
  const [state, action] = useActionState(removeFactor, initialState);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate aria-label={`${t('mfa.settings.remove')} ${factor.name}`}>
      <input type="hidden" name="factorId" value={factor.id} />
      <div className="min-w-48 flex-1">
        <FormMessage state={state} />
        <CodeField state={state} label={t('mfa.settings.removeCode')} />
      </div>
      <Submit variant="secondary" label={t('mfa.settings.remove')} pendingLabel={t('mfa.settings.removing')} />
    </form>
  );
}
