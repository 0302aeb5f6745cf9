// Profil → Redovisning: the owner invites an accountant, sees who has access and removes it,
// withdraws pending invitations, and chooses the accounts and bookkeeping settings of the SIE export
// and the reports.
import type { Metadata } from 'next';
import { AccountsForm, InviteForm, RowAction } from '@/components/accountant/forms';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { removeAccountant, revokeInvitation } from '@/lib/accountant/actions';
import { listAccess, listPendingInvitations } from '@/lib/accountant/queries';
import { BookkeepingSettingsForm } from '@/components/reports/settings-form';
import { readBookkeepingSettings } from '@/lib/exports/sie/accounts';
import { formatDate } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';
import { ownerPageContext } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('accountant.access.title') };
}

export default async function AccountantAccessPage() {
  const ctx = await ownerPageContext();
  const { t, locale } = await getTranslator();
  const data = await ctx.tx(async (tx, workspace) => {
    if (workspace?.role !== 'owner') return null;
    const [access, pending, { accounts, ...settings }] = [
      await listAccess(tx),
      await listPendingInvitations(tx, workspace.id),
      await readBookkeepingSettings(tx, workspace.id),
    ];
    return { access, pending, accounts, settings };
  });

  return (
    <div className="space-y-6">
      <div className="max-w-2xl space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t('accountant.access.title')}</h1>
        <p className="text-muted">{t('accountant.access.intro')}</p>
      </div>
      {!data ? (
        <Alert tone="info">{t('accountant.access.ownerOnly')}</Alert>
      ) : (
        <>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card>
              <CardHeader>
                <CardTitle>{t('accountant.access.inviteTitle')}</CardTitle>
              </CardHeader>
              <CardContent>
                <InviteForm />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>{t('accountant.access.whoTitle')}</CardTitle>
                <CardDescription>{t('accountant.access.whoIntro')}</CardDescription>
              </CardHeader>
              <CardContent className="space-y-6">
                <ul className="divide-y divide-border" data-testid="access-list">
                  {data.access.map((a) => (
                    <li key={a.userId} className="flex flex-wrap items-center justify-between gap-3 py-3">
                      <div className="min-w-0">
                        <p className="truncate font-medium">{a.email}</p>
                        <p className="text-sm text-muted">
                          {a.role === 'owner'
                            ? t('accountant.access.you')
                            : t('accountant.access.accountantSince', { date: formatDate(a.since, locale) })}
                        </p>
                      </div>
                      {a.role === 'accountant' ? (
                        <RowAction
                          action={removeAccountant}
                          fields={{ userId: a.userId }}
                          label={t('accountant.access.remove')}
                          ariaLabel={t('accountant.access.removeLabel', { email: a.email })}
                        />
                      ) : null}
                    </li>
                  ))}
                </ul>
                <div className="space-y-2">
                  <h3 className="text-sm font-semibold">{t('accountant.access.pendingTitle')}</h3>
                  {data.pending.length === 0 ? (
                    <p className="text-sm text-muted">{t('accountant.access.noPending')}</p>
                  ) : (
                    <ul className="divide-y divide-border" data-testid="pending-list">
                      {data.pending.map((p) => (
                        <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                          <div className="min-w-0">
                            <p className="truncate font-medium">{p.email}</p>
                            <p className="text-sm text-muted">
                              {t('accountant.access.expires', { date: formatDate(p.expiresAt, locale) })}
                            </p>
                          </div>
                          <RowAction
                            action={revokeInvitation}
                            fields={{ invitationId: p.id }}
                            label={t('accountant.access.revoke')}
                            ariaLabel={t('accountant.access.revokeLabel', { email: p.email })}
                          />
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </CardContent>
            </Card>
          </div>
          <Card>
            <CardHeader>
              <CardTitle>{t('reports.settings.title')}</CardTitle>
              <CardDescription>{t('reports.settings.intro')}</CardDescription>
            </CardHeader>
            <CardContent>
              <BookkeepingSettingsForm settings={data.settings} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('accountant.accounts.title')}</CardTitle>
              <CardDescription>{t('accountant.accounts.intro')}</CardDescription>
            </CardHeader>
            <CardContent>
              <AccountsForm accounts={data.accounts} />
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
