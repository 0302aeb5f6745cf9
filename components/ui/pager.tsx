// Previous / next links under a long list, with where in the list the page is. Plain links: the
// page number is in the URL, so a page can be bookmarked and works without script.
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import type { Translate } from '@/lib/i18n/catalogue';

export function Pager({
  page,
  pages,
  count,
  pageSize,
  href,
  t,
}: {
  page: number;
  pages: number;
  count: number;
  pageSize: number;
  href: (page: number) => string;
  t: Translate;
}) {
  if (pages <= 1) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, count);
  return (
    <nav aria-label={t('pager.label')} className="flex flex-wrap items-center justify-between gap-3 text-sm" data-testid="pager">
      <span className="text-muted">{t('pager.showing', { first, last, count })}</span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Button asChild variant="secondary" size="sm">
            <Link href={href(page - 1)} rel="prev">
              {t('pager.previous')}
            </Link>
          </Button>
        ) : null}
        {page < pages ? (
          <Button asChild variant="secondary" size="sm">
            <Link href={href(page + 1)} rel="next">
              {t('pager.next')}
            </Link>
          </Button>
        ) : null}
      </div>
    </nav>
  );
}
