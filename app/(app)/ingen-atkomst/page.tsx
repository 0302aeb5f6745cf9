// Where a signed-in user lands who may not be where they were going: without any workspace (an
// accountant whose access the owner removed), with the way to start a business of their own; or an
// accountant on one of the owner's pages, with the way back to the portal.
import type { Metadata } from 'next';
import Link from 'next/link';
import { StartOwnWorkspaceForm } from '@/components/accountant/forms';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { getTranslator } from '@/lib/i18n/server';
import { pageContext } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('access.title') };
}

export default async function NoAccessPage() {
  const { t, frame } = await pageContext();
  const { workspace } = await frame();
  if (workspace) {
    return (
      <Card className="mx-auto max-w-xl" data-testid="owner-only">
        <CardHeader>
          <h1 className="text-lg font-semibold tracking-tight">{t('access.ownerOnly.title')}</h1>
          <CardDescription>{t('access.ownerOnly.body')}</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild>
            <Link href="/portal">{t('access.ownerOnly.toPortal')}</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card className="mx-auto max-w-xl" data-testid="no-access">
      <CardHeader>
        <h1 className="text-lg font-semibold tracking-tight">{t('access.none.title')}</h1>
        <CardDescription>{t('access.none.body')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <p className="text-sm text-muted">{t('access.none.own')}</p>
        <StartOwnWorkspaceForm />
      </CardContent>
    </Card>
  );
}
