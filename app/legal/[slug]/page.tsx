// The legal pages, rendered from legal/*.md with the operator's details from configuration.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { isLegalSlug, loadLegalDocument } from '@/lib/legal/documents';
import { operatorFromEnv } from '@/lib/legal/operator';
import { formatDate } from '@/lib/i18n/format';
import { getTranslator } from '@/lib/i18n/server';

async function load(slug: string) {
  if (!isLegalSlug(slug)) notFound();
  const { locale, t } = await getTranslator();
  return { doc: loadLegalDocument(slug, locale, operatorFromEnv()), locale, t };
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { doc } = await load((await params).slug);
  return { title: doc.title };
}

export default async function LegalPage({ params }: { params: Promise<{ slug: string }> }) {
  const { doc, locale, t } = await load((await params).slug);
  return (
    <article lang={doc.locale}>
      <p className="text-sm text-muted">
        {t('legal.updated')}: <time dateTime={doc.updated}>{formatDate(doc.updated, locale, 'long')}</time>
        {doc.locale !== locale ? <span> · {t('legal.swedishOnly')}</span> : null}
      </p>
      <div className="legal-prose" dangerouslySetInnerHTML={{ __html: doc.html }} />
    </article>
  );
}
