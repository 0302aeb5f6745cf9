'use client';
// Logo upload with a preview of what is stored (streamed through /profil/logotyp).
import { useActionState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Label } from '@/components/ui/label';
import { initialState } from '@/lib/actions/state';
import { removeLogo, uploadLogo } from '@/lib/profile/actions';
import { LOGO_TYPES } from '@/lib/profile/logo';
import { fieldError, FormMessage, Submit } from '@/components/ui/form';

export function LogoForm({ logoVersion }: { logoVersion: string | null }) {
  const { t } = useI18n();
  const [state, upload] = useActionState(uploadLogo, initialState);
  const [removed, remove] = useActionState(removeLogo, initialState);
  const error = fieldError(state, 'logo');
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('profile.logo.title')}</CardTitle>
        <CardDescription>{t('profile.logo.text')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <FormMessage state={state.ok || state.formError ? state : removed} />
        <div className="flex min-h-24 items-center justify-center rounded-xl border border-dashed border-border bg-subtle/50 p-4">
          {logoVersion ? (
            // eslint-disable-next-line @next/next/no-img-element -- a private image streamed by our own route
            <img
              src={`/profil/logotyp?v=${encodeURIComponent(logoVersion)}`}
              alt={t('profile.logo.alt')}
              className="h-20 w-auto max-w-full object-contain"
              data-testid="logo-preview"
            />
          ) : (
            <p className="text-sm text-muted">{t('profile.logo.none')}</p>
          )}
        </div>
        <form action={upload} className="space-y-3">
          <div className="space-y-1.5">
            <Label htmlFor="logo-file">{t('profile.logo.choose')}</Label>
            <input
              id="logo-file"
              name="logo"
              type="file"
              accept={LOGO_TYPES.join(',')}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'logo-error' : undefined}
              className="block w-full text-sm file:mr-3 file:rounded-lg file:border file:border-border file:bg-surface file:px-3 file:py-2 file:text-sm file:font-medium file:text-fg hover:file:bg-subtle"
            />
            {error && (
              <p id="logo-error" className="text-sm text-danger">
                {error}
              </p>
            )}
          </div>
          <Submit variant="secondary" label={t('profile.logo.upload')} pendingLabel={t('profile.logo.uploading')} />
        </form>
        {logoVersion && (
          <form action={remove}>
            <Submit variant="link" className="text-danger" label={t('profile.logo.remove')} pendingLabel={t('profile.saving')} />
          </form>
        )}
      </CardContent>
    </Card>
  );
}
