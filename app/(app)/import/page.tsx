// Import: upload documents, get a proposed tree of clients → projects → tasks, review, accept.
// The page reads the existing client names (for merging) and whether the AI proposer is enabled.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportWizard } from '@/components/import/import-wizard';
import { formatBytes } from '@/lib/i18n/format';
import { MAX_FILE_BYTES } from '@/lib/import/limits';
import { aiConfig } from '@/lib/import/propose/ai';
import { getTranslator } from '@/lib/i18n/server';
import { ownerPageContext } from '@/lib/request/context';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('import.title') };
}

export default async function ImportPage() {
  const ctx = await ownerPageContext();
  const { t, locale } = await getTranslator();
  const clients = await ctx.tx(async (tx, workspace) => {
    if (!workspace) return [];
    const { rows } = await tx.query<{ title: string }>(
      `select title from public.nodes where workspace_id = $1 and kind = 'client' and archived_at is null order by title`,
      [workspace.id],
    );
    return rows.map((r) => r.title);
  });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t('import.title')}</h1>
          <p className="max-w-prose text-sm leading-relaxed text-muted">{t('import.intro')}</p>
        </div>
        <Link href="/karta" className="text-sm text-accent underline-offset-4 hover:underline">
          ← {t('import.backToMap')}
        </Link>
      </div>
      <ImportWizard existingClients={clients} aiEnabled={aiConfig() !== null} maxSize={formatBytes(MAX_FILE_BYTES, locale)} />
    </div>
  );
}
