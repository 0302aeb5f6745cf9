// Home: the signed-in user's own workspace rows, read under RLS as that user.
import type { Metadata } from 'next';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/claims';
import { withUserTransaction } from '@/lib/db/transaction';
import { listMyWorkspaces } from '@/lib/db/workspaces';
import { formatDate } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('home.title') };
}

export default async function HomePage() {
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const workspaces = await withUserTransaction(user.claims, (tx) => listMyWorkspaces(tx));

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <p className="text-sm font-medium text-accent">{t('home.greeting')}</p>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t('home.title')}</h1>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {workspaces.length === 0 ? (
            <Card>
              <CardContent>
                <p className="text-muted">{t('home.noWorkspace')}</p>
              </CardContent>
            </Card>
          ) : (
            workspaces.map((w) => (
              <Card key={w.id} data-testid="workspace-card">
                <CardHeader>
                  <CardDescription>{t('home.workspace')}</CardDescription>
                  <CardTitle className="text-xl" data-testid="workspace-name">
                    {w.name || t('home.unnamed')}
                  </CardTitle>
                </CardHeader>
                <CardContent>
                  <dl className="grid gap-x-10 gap-y-4 text-sm sm:grid-cols-[auto_minmax(0,1fr)_auto]">
                    <div>
                      <dt className="text-muted">{t('home.role')}</dt>
                      <dd className="mt-1 font-medium" data-testid="workspace-role">
                        {t(`home.roles.${w.role}`)}
                      </dd>
                    </div>
                    <div className="min-w-0">
                      <dt className="text-muted">{t('home.email')}</dt>
                      <dd className="mt-1 truncate font-medium" data-testid="user-email">
                        {user.email}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-muted">{t('home.created')}</dt>
                      <dd className="mt-1 font-medium">{formatDate(w.createdAt, locale)}</dd>
                    </div>
                  </dl>
                </CardContent>
              </Card>
            ))
          )}
        </div>
        <Card className="bg-subtle/60 shadow-none">
          <CardHeader>
            <CardTitle className="text-base">{t('home.nextSteps')}</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-sm leading-relaxed text-muted">{t('home.nextStepsText')}</p>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
