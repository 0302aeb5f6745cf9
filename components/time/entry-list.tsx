'use client';
// The week's entries: edit and delete, or a lock and a link to the invoice when a sent invoice
// bills them (the database refuses changes to those anyway).
import Link from 'next/link';
import { useActionState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { FormMessage, Submit } from '@/components/ui/form';
import { Button } from '@/components/ui/button';
import { initialState } from '@/lib/actions/state';
import { formatDate, formatMinutes, formatMoney } from '@/lib/i18n/format';
import { deleteTimeEntry } from '@/lib/time/actions';
import type { TimeEntry } from '@/lib/time/entries';

function LockIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
      <path d="M5 7V5a3 3 0 1 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5Zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2Z" />
    </svg>
  );
}

export function EntryList({ entries }: { entries: TimeEntry[] }) {
  const { t, locale } = useI18n();
  const [state, remove] = useActionState(deleteTimeEntry, initialState);
  if (entries.length === 0) return <p className="text-sm text-muted">{t('time.list.empty')}</p>;
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <ul className="divide-y divide-border" data-testid="entry-list">
        {entries.map((e) => (
          <li
            key={e.id}
            className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4"
            data-testid="entry"
            data-locked={e.locked || undefined}
          >
            <div className="w-24 shrink-0 text-sm text-muted tabular-nums">{formatDate(e.entryDate, locale)}</div>
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">{e.path}</p>
              <p className="truncate text-sm text-muted">
                {e.description || '–'}
                {' · '}
                {e.billable ? t('time.list.perHour', { rate: formatMoney(e.hourlyRateOre, locale) }) : t('time.list.nonBillable')}
              </p>
            </div>
            <div className="shrink-0 whitespace-nowrap font-medium tabular-nums sm:w-24 sm:text-right">
              {formatMinutes(e.minutes, locale)}
            </div>
            <div className="flex shrink-0 items-center gap-1 sm:justify-end">
              {e.locked ? (
                <>
                  <span
                    className="inline-flex items-center gap-1 rounded-full bg-subtle px-2 py-0.5 text-xs font-medium text-muted"
                    title={t('time.list.lockedHint')}
                  >
                    <LockIcon />
                    {t('time.list.locked')}
                  </span>
                  <Button asChild variant="link" size="sm" className="text-sm">
                    <Link href={`/fakturor/${e.invoiceId}`}>{t('time.list.invoice')}</Link>
                  </Button>
                </>
              ) : (
                <>
                  {e.invoiceId && (
                    <Link href={`/fakturor/${e.invoiceId}`} className="mr-1 text-xs text-accent underline-offset-4 hover:underline">
                      {t('time.list.onDraft')}
                    </Link>
                  )}
                  <Button asChild variant="ghost" size="sm">
                    <Link href={`/tid/post/${e.id}`} aria-label={`${t('time.entry.edit')}: ${e.path}, ${formatDate(e.entryDate, locale)}`}>
                      {t('time.entry.edit')}
                    </Link>
                  </Button>
                  <form action={remove}>
                    <input type="hidden" name="id" value={e.id} />
                    <Submit
                      variant="ghost"
                      size="sm"
                      className="text-danger"
                      label={t('time.entry.delete')}
                      pendingLabel={t('time.entry.deleting')}
                      aria-label={`${t('time.entry.delete')}: ${e.path}, ${formatDate(e.entryDate, locale)}`}
                    />
                  </form>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
