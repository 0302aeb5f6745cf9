'use client';
// The business profile form, in sections; the onboarding guide shows the same sections as steps and
// asks for everything the first invoice needs (the schema refuses to finish without it), F-skatt as
// a yes/no question.
import type { ReactNode } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { saveProfile, skipOnboarding } from '@/lib/profile/actions';
import { ActionForm, fieldError, Submit, useFormState, valuesAfter } from '@/components/ui/form';
import { IdentifierInput } from './identifier-input';

const SECTIONS = ['business', 'address', 'payment', 'defaults'] as const;

export function ProfileForm({ stored, onboarding = false }: { stored: Record<string, string>; onboarding?: boolean }) {
  return (
    <ActionForm action={saveProfile}>
      <ProfileFields stored={stored} onboarding={onboarding} />
    </ActionForm>
  );
}

function ProfileFields({ stored, onboarding }: { stored: Record<string, string>; onboarding: boolean }) {
  const { t } = useI18n();
  const state = useFormState();
  const value = valuesAfter(state, stored);
  const err = (name: string) => fieldError(state, name);
  const optional = (key: MessageKey) => `${t(key)} (${t('profile.fields.optional')})`;
  const f = (name: string, key: MessageKey, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field label={t(key)} name={name} defaultValue={value(name)} error={err(name)} {...extra} />
  );
  const id = (
    name: 'orgNumber' | 'vatNumber' | 'bankgiro' | 'plusgiro' | 'iban' | 'bic',
    label: string,
    extra: { hint?: string; placeholder?: string } = {},
  ) => <IdentifierInput name={name} label={label} defaultValue={value(name)} serverError={err(name)} {...extra} />;

  const content: Record<(typeof SECTIONS)[number], ReactNode> = {
    business: (
      <div className="grid gap-5 sm:grid-cols-2">
        <div className="sm:col-span-2">
          {f('legalName', 'profile.fields.legalName', {
            hint: t('profile.fields.legalNameHint'),
            autoComplete: 'organization',
            required: true,
          })}
        </div>
        {id('orgNumber', t('profile.fields.orgNumber'), { hint: t('profile.fields.orgNumberHint'), placeholder: '123456-7890' })}
        {id('vatNumber', t('profile.fields.vatNumber'), { hint: t('profile.fields.vatNumberHint'), placeholder: 'SE123456789001' })}
        {onboarding ? (
          <fieldset className="space-y-2 sm:col-span-2" aria-describedby={err('fSkatt') ? 'fSkatt-error' : undefined}>
            <legend className="text-sm font-medium">{t('profile.onboarding.fSkattQuestion')}</legend>
            <p className="text-sm text-muted">{t('profile.fields.fSkattHint')}</p>
            {(['on', 'off'] as const).map((answer) => (
              <label key={answer} className="flex items-center gap-3 text-sm">
                <input
                  type="radio"
                  name="fSkatt"
                  value={answer}
                  defaultChecked={value('fSkatt') === answer}
                  aria-invalid={err('fSkatt') ? true : undefined}
                  className="size-4 accent-[var(--accent)]"
                />
                {t(answer === 'on' ? 'profile.onboarding.fSkattYes' : 'profile.onboarding.fSkattNo')}
              </label>
            ))}
            {err('fSkatt') ? (
              <p id="fSkatt-error" className="text-sm text-danger">
                {err('fSkatt')}
              </p>
            ) : null}
          </fieldset>
        ) : (
          <label className="flex items-start gap-3 sm:col-span-2">
            <input
              type="checkbox"
              name="fSkatt"
              defaultChecked={value('fSkatt') === 'on' || value('fSkatt') === 'true'}
              className="mt-1 size-4 accent-[var(--accent)]"
            />
            <span>
              <span className="block text-sm font-medium">{t('profile.fields.fSkatt')}</span>
              <span className="block text-sm text-muted">{t('profile.fields.fSkattHint')}</span>
            </span>
          </label>
        )}
      </div>
    ),
    address: (
      <div className="grid gap-5 sm:grid-cols-2">
        <div className="sm:col-span-2">{f('addressLine1', 'profile.fields.addressLine1', { autoComplete: 'address-line1' })}</div>
        <div className="sm:col-span-2">
          {f('addressLine2', 'profile.fields.addressLine2', {
            label: optional('profile.fields.addressLine2'),
            autoComplete: 'address-line2',
          })}
        </div>
        {f('postalCode', 'profile.fields.postalCode', { autoComplete: 'postal-code', inputMode: 'numeric' })}
        {f('city', 'profile.fields.city', { autoComplete: 'address-level2' })}
        {f('email', 'profile.fields.email', { type: 'email', autoComplete: 'email' })}
        {f('phone', 'profile.fields.phone', { type: 'tel', autoComplete: 'tel', label: optional('profile.fields.phone') })}
      </div>
    ),
    payment: (
      <div className="grid gap-5 sm:grid-cols-2">
        {id('bankgiro', t('profile.fields.bankgiro'), { placeholder: '123-4567' })}
        {id('plusgiro', t('profile.fields.plusgiro'), { placeholder: '12345-6' })}
        {id('iban', t('profile.fields.iban'), { placeholder: 'SE45 5000 0000 0583 9825 7466' })}
        {id('bic', t('profile.fields.bic'), { placeholder: 'ESSESESS' })}
      </div>
    ),
    defaults: (
      <div className="grid gap-5 sm:grid-cols-2">
        {f('paymentTerms', 'profile.fields.paymentTerms', { inputMode: 'numeric' })}
        {f('hourlyRate', 'profile.fields.hourlyRate', { inputMode: 'decimal', placeholder: '950' })}
      </div>
    ),
  };

  return (
    // Remounted after each outcome so the inputs show what was saved (or typed).
    <div key={JSON.stringify(state)} className="space-y-6">
      {onboarding && <input type="hidden" name="onboarding" value="1" />}
      {SECTIONS.map((section, i) => (
        <Card key={section}>
          <CardHeader>
            {onboarding && (
              <p className="text-xs font-medium uppercase tracking-wide text-accent">
                {t('profile.onboarding.step', { n: i + 1, total: SECTIONS.length })}
              </p>
            )}
            <CardTitle>{t(`profile.sections.${section}`)}</CardTitle>
            <CardDescription>{t(`profile.sections.${section}Text`)}</CardDescription>
          </CardHeader>
          <CardContent>{content[section]}</CardContent>
        </Card>
      ))}
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-end">
        {onboarding && (
          <Submit
            id="profile-skip"
            variant="ghost"
            size="lg"
            formAction={skipOnboarding}
            label={t('profile.onboarding.skip')}
            pendingLabel={t('profile.saving')}
          />
        )}
        <Submit
          id="profile-save"
          size="lg"
          label={t(onboarding ? 'profile.onboarding.finish' : 'profile.save')}
          pendingLabel={t('profile.saving')}
        />
      </div>
    </div>
  );
}
