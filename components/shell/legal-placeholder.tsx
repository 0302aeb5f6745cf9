import { getTranslator } from '@/lib/i18n/server';

/** Stand-in until the real legal texts (legal/*.md) are rendered here. */
export async function LegalPlaceholder({ title, text }: { title: string; text?: string }) {
  const { t } = await getTranslator();
  return (
    <article className="space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
      {text ? <p className="leading-relaxed">{text}</p> : null}
      <p className="leading-relaxed text-muted">{t('legal.placeholder')}</p>
    </article>
  );
}
