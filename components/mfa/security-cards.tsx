// Profil → Säkerhet's two-factor cards: the user's authenticator apps (add, remove) and, for an
// owner, whether accountants must use a second factor. Server components; forms are in forms.tsx.
import type { Factor } from '@supabase/supabase-js';
import { ActionForm, Submit } from '@/components/ui/form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { setAccountantsSecondFactor } from '@/lib/auth/mfa-actions';
import type { Translate } from '@/lib/i18n/catalogue';
import { EnrolForm, RemoveFactorForm } from './forms';

export function AuthenticatorAppsCard({ factors, t, when }: { factors: Factor[]; t: Translate; when: Intl.DateTimeFormat }) {
  const verified = factors.filter((f) => f.status === 'verified' && f.factor_type === 'totp');
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('mfa.settings.title')}</CardTitle>
        <CardDescription className="leading-relaxed">{t('mfa.settings.intro')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {verified.length === 0 ? (
          <p className="text-sm text-muted">{t('mfa.settings.none')}</p>
        ) : (
          <ul className="divide-y divide-border rounded-lg border border-border" aria-label={t('mfa.settings.title')}>
            {verified.map((factor) => (
              <li key={factor.id} className="space-y-3 p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium">{factor.friendly_name}</span>
                  <span className="text-sm text-muted">
                    {t('mfa.settings.added_on', { date: when.format(new Date(factor.created_at)) })}
                  </span>
                </div>
                <RemoveFactorForm factor={{ id: factor.id, name: factor.friendly_name ?? '' }} />
              </li>
            ))}
          </ul>
        )}
        <div className="max-w-sm">
          <EnrolForm />
        </div>
      </CardContent>
    </Card>
  );
}

export function AccountantsSecondFactorCard({ required, t }: { required: boolean; t: Translate }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('mfa.settings.accountantsTitle')}</CardTitle>
        <CardDescription className="leading-relaxed">{t('mfa.settings.accountantsIntro')}</CardDescription>
      </CardHeader>
      <CardContent>
        <ActionForm action={setAccountantsSecondFactor} className="flex flex-wrap items-center gap-4">
          <p className="text-sm">{required ? t('mfa.settings.accountantsOn') : t('mfa.settings.accountantsOff')}</p>
          <input type="hidden" name="required" value={required ? 'false' : 'true'} />
          <Submit variant="secondary" label={required ? t('mfa.settings.accountantsDisable') : t('mfa.settings.accountantsEnable')} />
        </ActionForm>
      </CardContent>
    </Card>
  );
}
