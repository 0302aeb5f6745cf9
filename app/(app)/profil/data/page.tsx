// Profil → Dina data: export (JSON, or ZIP with files) and account deletion.
import type { Metadata } from 'next';
import { DeleteAccountForm } from '@/components/privacy/account-forms';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('privacy.data.title') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function DataPage({ searchParams }: { searchParams: Search }) {
  const { t } = await getTranslator();
  const restored = (await searchParams).notice === 'restored';
  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('privacy.data.title')}</h1>
      {restored ? <Alert tone="success">{t('privacy.data.restored')}</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle>{t('privacy.data.exportTitle')}</CardTitle>
          <CardDescription className="leading-relaxed">{t('privacy.data.exportBody')}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-3">
          <div className="flex flex-col gap-3 sm:flex-row">
            {(['json', 'zip'] as const).map((format) => (
              <form key={format} method="post" action="/profil/data/export">
                <input type="hidden" name="format" value={format} />
                <Button type="submit" variant={format === 'json' ? 'primary' : 'secondary'} className="w-full sm:w-auto">
                  {t(format === 'json' ? 'privacy.data.exportJson' : 'privacy.data.exportZip')}
                </Button>
              </form>
            ))}
          </div>
          <p className="text-sm text-muted">{t('privacy.data.exportSchema')}</p>
        </CardContent>
      </Card>
      <Card className="border-danger/40">
        <CardHeader>
          <CardTitle>{t('privacy.data.deleteTitle')}</CardTitle>
          <CardDescription className="leading-relaxed">{t('privacy.data.deleteBody')}</CardDescription>
        </CardHeader>
        <CardContent>
          <DeleteAccountForm />
        </CardContent>
      </Card>
    </div>
  );
}
