'use client';
// A client's invoicing details. Saved by a server action (zod on the server, one transaction);
// organisation and VAT numbers are checked while typing too. Errors sit next to their field and
// what was typed stays.
import { useActionState, useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Alert } from '@/components/ui/alert';
import { Field } from '@/components/ui/field';
import { FormMessage, Submit, valuesAfter } from '@/components/ui/form';
import { requestJson } from '@/components/ui/request-json';
import { initialState } from '@/lib/actions/state';
import { saveClientDetailsAction } from '@/lib/map/actions';
import type { ClientDetailsForm as Values } from '@/lib/map/client-details-schema';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { checkOrgNumber, checkVatNumber, identifierMessage } from '@/lib/validation/identifiers';

type Live = Partial<Record<'orgNumber' | 'vatNumber', MessageKey>>;

function liveCheck(name: string, value: string, country: string): MessageKey | undefined {
  if (!value.trim()) return undefined;
  if (name === 'orgNumber' && country.trim().toUpperCase() === 'SE') {
    const c = checkOrgNumber(value);
    return c.ok ? undefined : identifierMessage('orgNumber', c.reason);
  }
  if (name === 'vatNumber') {
    const c = checkVatNumber(value);
    return c.ok ? undefined : identifierMessage('vatNumber', c.reason);
  }
  return undefined;
}

export function ClientDetailsForm({ nodeId }: { nodeId: string }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Values | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [state, action] = useActionState(saveClientDetailsAction, initialState);
  const [live, setLive] = useState<Live>({});

  useEffect(() => {
    requestJson<{ details: Values }>(`/api/nodes/${nodeId}/details`, t('map.save.offline'))
      .then((body) => setLoaded(body.details))
      .catch((e: Error) => setLoadError(t('map.errors.loadFailed', { error: e.message })));
  }, [nodeId, t]);

  if (loadError) return <Alert tone="error">{loadError}</Alert>;
  if (!loaded) return <p className="text-sm text-muted">{t('map.details.loading')}</p>;

  // After a submit the typed values win (an unticked box is simply absent from them).
  const value = valuesAfter(state, loaded);
  const error = (name: keyof Values) => {
    const fromLive = name in live ? live[name as keyof Live] : undefined;
    if (fromLive) return t(fromLive);
    return state.ok ? undefined : state.fieldErrors[name];
  };
  const onInput = (e: React.FormEvent<HTMLFormElement>) => {
    const target = e.target as HTMLInputElement;
    if (target.name !== 'orgNumber' && target.name !== 'vatNumber' && target.name !== 'country') return;
    const form = e.currentTarget;
    const country = (form.elements.namedItem('country') as HTMLInputElement).value || 'SE';
    const get = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value;
    setLive({ orgNumber: liveCheck('orgNumber', get('orgNumber'), country), vatNumber: liveCheck('vatNumber', get('vatNumber'), country) });
  };
  const field = (name: keyof Values, extra: Partial<React.ComponentProps<typeof Field>> = {}) => (
    <Field
      key={`${name}-${state.ok ? 'ok' : 'x'}`}
      label={t(`map.details.fields.${name}`)}
      name={name}
      defaultValue={value(name)}
      error={error(name)}
      {...extra}
    />
  );

  return (
    <form action={action} onInput={onInput} className="space-y-4" noValidate>
      <p className="text-sm text-muted">{t('map.details.intro')}</p>
      <FormMessage state={state} />
      <input type="hidden" name="nodeId" value={nodeId} />
      {field('name', { required: true, autoComplete: 'organization' })}
      <div className="grid gap-4 @md:grid-cols-2">
        {field('orgNumber', { hint: t('map.details.hints.orgNumber'), inputMode: 'numeric' })}
        {field('vatNumber', { hint: t('map.details.hints.vatNumber'), autoCapitalize: 'characters' })}
      </div>
      {field('addressLine1', { autoComplete: 'address-line1' })}
      {field('addressLine2', { autoComplete: 'address-line2' })}
      <div className="grid gap-4 @md:grid-cols-[8rem_1fr]">
        {field('postalCode', { autoComplete: 'postal-code' })}
        {field('city', { autoComplete: 'address-level2' })}
      </div>
      <div className="grid gap-4 @md:grid-cols-2">
        {field('country', { hint: t('map.details.hints.country'), maxLength: 2, autoCapitalize: 'characters' })}
        {field('email', { type: 'email', autoComplete: 'email' })}
      </div>
      <div className="grid gap-4 @md:grid-cols-2">
        {field('paymentTerms', { hint: t('map.details.hints.paymentTerms'), inputMode: 'numeric' })}
        {field('hourlyRate', { hint: t('map.details.hints.hourlyRate'), inputMode: 'decimal' })}
      </div>
      <div className="grid gap-4 @md:grid-cols-2">
        {field('reminderFee', { hint: t('map.details.hints.reminderFee'), inputMode: 'decimal' })}
        {field('lateInterest', { hint: t('map.details.hints.lateInterest'), inputMode: 'decimal' })}
      </div>
      <label className="flex items-center gap-3 text-sm">
        <input key={`consumer-${state.ok ? 'ok' : 'x'}`} type="checkbox" name="consumer" defaultChecked={value('consumer') === 'on'} />
        <span>{t('map.details.fields.consumer')}</span>
      </label>
      <label className="flex items-start gap-3 rounded-lg border border-border p-3">
        <input
          key={`rc-${state.ok ? 'ok' : 'x'}`}
          type="checkbox"
          name="reverseCharge"
          defaultChecked={value('reverseCharge') === 'on'}
          className="mt-1 h-4 w-4 accent-[var(--accent)]"
        />
        <span>
          <span className="block text-sm font-medium">{t('map.details.fields.reverseCharge')}</span>
          <span className="block text-sm text-muted">{t('map.details.hints.reverseCharge')}</span>
        </span>
      </label>
      <Submit size="lg" className="w-full" label={t('map.details.save')} pendingLabel={t('map.details.saving')} />
    </form>
  );
}
