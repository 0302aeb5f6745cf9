// Profil → Säkerhet: change the password and the email address, two-factor sign-in (authenticator
// apps; for an owner, whether accountants need one), and the security log.
import type { Metadata } from 'next';
import { ChangeEmailForm, ChangePasswordForm } from '@/components/auth/forms';
import { AccountantsSecondFactorCard, AuthenticatorAppsCard } from '@/components/mfa/security-cards';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { getTranslator } from '@/lib/i18n/server';
import { securityEventLabel, securityLog } from '@/lib/privacy/security-log';
import { createClient } from '@/lib/supabase/server';
import { DataTable } from '@/components/ui/data-table';
import { pageContext } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('security.title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SecurityPage({ searchParams }: { searchParams: Search }) {
  const ctx = await pageContext();
  const notice = (await searchParams).notice;
  const passwordChanged = notice === 'password_changed';
  // Auth first, then the transaction: on the embedded backend an open transaction holds the database.
  const { data } = await (await createClient()).auth.getUser();
  const pendingEmail = data.user?.new_email;
  const [{ t, locale }, events, { workspace }] = await Promise.all([getTranslator(), securityLog(ctx.tx), ctx.frame()]);
  const accountantsNeedSecondFactor =
    workspace?.role === 'owner'
      ? await ctx.tx(async (tx) => {
          const { rows } = await tx.query<{ required: boolean }>(
            `select accountants_need_second_factor as required from public.workspaces where id = $1`,
            [workspace.id],
          );
          return rows[0]?.required ?? false;
        })
      : null;
  const when = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });
  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('security.title')}</h1>
      {passwordChanged ? <Alert tone="success">{t('security.password.changed')}</Alert> : null}
      {notice === 'factor_added' ? <Alert tone="success">{t('mfa.settings.added')}</Alert> : null}
      {notice === 'factor_removed' ? <Alert tone="success">{t('mfa.settings.removed')}</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle>{t('security.password.title')}</CardTitle>
          <CardDescription className="leading-relaxed">{t('security.password.intro')}</CardDescription>
        </CardHeader>
        <CardContent className="max-w-sm">
          <ChangePasswordForm />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('security.email.title')}</CardTitle>
          <CardDescription className="leading-relaxed">
            {t('security.email.current', { email: typeof ctx.claims.email === 'string' ? ctx.claims.email : '' })}
            {pendingEmail ? <span className="mt-1 block">{t('security.email.pending', { email: pendingEmail })}</span> : null}
          </CardDescription>
        </CardHeader>
        <CardContent className="max-w-sm">
          <ChangeEmailForm />
        </CardContent>
      </Card>
      <AuthenticatorAppsCard factors={data.user?.factors ?? []} t={t} when={when} />
      {accountantsNeedSecondFactor !== null ? <AccountantsSecondFactorCard required={accountantsNeedSecondFactor} t={t} /> : null}
      <div className="space-y-2">
        <h2 className="text-xl font-semibold tracking-tight">{t('privacy.log.title')}</h2>
        <p className="text-sm leading-relaxed text-muted">{t('privacy.log.intro')}</p>
      </div>
      <Card>
        <CardContent className="p-0">
          {events.length === 0 ? (
            <p className="p-6 text-sm text-muted">{t('privacy.log.empty')}</p>
          ) : (
            <DataTable
              flush
              rows={events}
              rowKey={(_, i) => i}
              columns={[
                {
                  header: t('privacy.log.when'),
                  className: 'whitespace-nowrap tabular-nums text-muted sm:px-6',
                  cell: (event) => <time dateTime={event.occurredAt.toISOString()}>{when.format(event.occurredAt)}</time>,
                },
                {
                  header: t('privacy.log.what'),
                  cell: (event) => (
                    <span className={event.action === 'login_failed' ? 'font-medium text-danger' : undefined}>
                      {t(securityEventLabel(event.action))}
                    </span>
                  ),
                },
                {
                  header: t('privacy.log.where'),
                  className: 'hidden tabular-nums text-muted sm:table-cell sm:pr-6',
                  cell: (event) => event.ipAddress ?? '–',
                },
              ]}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
