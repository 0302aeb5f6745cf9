'use client';
// The week's entries, grouped by day with the day's total: edit and delete (with undo), or a lock
// and a link to the invoice when a sent invoice bills them (the database refuses changes to those
// anyway). Task names are shown whole, wrapping rather than cut.
import Link from 'next/link';
import { useActionState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { FormMessage, Submit } from '@/components/ui/form';
import { Button } from '@/components/ui/button';
import { initialState } from '@/lib/actions/state';
import { formatDate, formatMinutes, formatMoney, formatWeekday } from '@/lib/i18n/format';
import { deleteTimeEntry } from '@/lib/time/actions';
import type { TimeEntry } from '@/lib/time/entries';
import { LockIcon } from './lock-icon';
import { UndoDeleteToast } from './undo-delete-toast';

function byDay(entries: TimeEntry[]) {
  const days = new Map<string, TimeEntry[]>();
  for (const e of entries) days.set(e.entryDate, [...(days.get(e.entryDate) ?? []), e]);
  return [...days].map(([day, list]) => ({ day, entries: list, minutes: list.reduce((sum, e) => sum + e.minutes, 0) }));
}

export function EntryList({ entries }: { entries: TimeEntry[] }) {
  const { t, locale } = useI18n();
  const [state, remove] = useActionState(deleteTimeEntry, initialState);
  const deletedId = state.ok ? state.values?.id : undefined;
  return (
    <div className="space-y-3">
      {state.ok ? null : <FormMessage state={state} />}
      {deletedId ? <UndoDeleteToast key={deletedId} entryId={deletedId} /> : null}
      {entries.length === 0 ? <p className="text-sm text-muted">{t('time.list.empty')}</p> : null}
      <div className="space-y-5" data-testid="entry-list">
        {byDay(entries).map((group) => (
          <section key={group.day} aria-labelledby={`day-${group.day}`} data-testid="entry-day">
            <h3
              id={`day-${group.day}`}
              className="flex items-baseline justify-between gap-3 border-b border-border pb-1.5 text-sm font-semibold first-letter:uppercase"
            >
              <span>{formatWeekday(group.day, locale)}</span>
              <span
                className="tabular-nums"
                data-testid="day-total"
                aria-label={t('time.list.dayTotal', { day: formatWeekday(group.day, locale), total: formatMinutes(group.minutes, locale) })}
              >
                {formatMinutes(group.minutes, locale)}
              </span>
            </h3>
            <ul className="divide-y divide-border">
              {group.entries.map((e) => (
                <li
                  key={e.id}
                  className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4"
                  data-testid="entry"
                  data-locked={e.locked || undefined}
                >
                  <div className="min-w-0 flex-1">
                    <p className="break-words font-medium">{e.path}</p>
                    <p className="break-words text-sm text-muted">
                      {e.description || '–'}
                      {' · '}
                      {e.billable ? t('time.list.perHour', { rate: formatMoney(e.hourlyRateOre, locale) }) : t('time.list.nonBillable')}
                    </p>
                  </div>
                  <div className="shrink-0 whitespace-nowrap font-medium tabular-nums sm:w-24 sm:text-right">
                    {formatMinutes(e.minutes, locale)}
                  </div>
                  <div className="flex shrink-0 flex-wrap items-center gap-1 sm:justify-end">
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
                          <Link
                            href={`/tid/post/${e.id}`}
                            aria-label={`${t('time.entry.edit')}: ${e.path}, ${formatDate(e.entryDate, locale)}`}
                          >
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
          </section>
        ))}
      </div>
    </div>
  );
}
