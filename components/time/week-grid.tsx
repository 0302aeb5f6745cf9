'use client';
// The week grid: a row per project or task, a column per day, and the day's total in each cell.
// Typing a duration and leaving the cell (Enter or Tab) logs it; clearing the cell removes it.
import { useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { initialState } from '@/lib/actions/state';
import { formatMinutes } from '@/lib/i18n/format';
import { setWeekCell } from '@/lib/time/actions';
import type { GridRow } from '@/lib/time/grid';
import type { TimeNode } from '@/lib/time/nodes';
import { roundingRuleKey, type RoundingStep } from '@/lib/time/rounding';
import { durationInputValue } from '@/lib/validation/quantities';
import { LockIcon } from './lock-icon';
import { NodeSelect } from './node-select';

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function WeekGrid({
  days,
  rows,
  nodes,
  today,
  rounding,
}: {
  days: string[];
  rows: GridRow[];
  nodes: TimeNode[];
  today: string;
  rounding: RoundingStep;
}) {
  const { t, locale } = useI18n();
  // Bumped per cell after each save, so the cell shows what is stored (a refused or rounded value included).
  const [versions, setVersions] = useState<Record<string, number>>({});
  const [added, setAdded] = useState<string[]>([]);
  const [choice, setChoice] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [status, setStatus] = useState('');
  const [pending, startTransition] = useTransition();

  const known = new Set(rows.map((r) => r.nodeId));
  const pathOf = new Map(nodes.map((n) => [n.id, n.path]));
  const allRows: GridRow[] = [
    ...rows,
    ...added
      .filter((id) => !known.has(id))
      .map((id) => ({
        nodeId: id,
        path: pathOf.get(id) ?? '',
        minutes: Array(7).fill(0),
        floor: Array(7).fill(0),
        locked: Array(7).fill(false),
      })),
  ];
  const dayTotals = days.map((_, i) => allRows.reduce((sum, r) => sum + r.minutes[i], 0));

  function commit(row: GridRow, i: number, typed: string) {
    const original = row.minutes[i] ? durationInputValue(row.minutes[i]) : '';
    const key = `${row.nodeId}:${i}`;
    if (typed.trim() === original) return;
    const form = new FormData();
    form.set('nodeId', row.nodeId);
    form.set('entryDate', days[i]);
    form.set('minutes', typed);
    startTransition(async () => {
      const result = await setWeekCell(initialState, form);
      setErrors((prev) => ({ ...prev, [key]: result.ok ? undefined : (result.fieldErrors.minutes ?? result.formError) }));
      setStatus(result.ok ? t('time.week.saved') : '');
      setVersions((prev) => ({ ...prev, [key]: (prev[key] ?? 0) + 1 }));
    });
  }

  const rule = roundingRuleKey(rounding);
  const roundingText = t(rule.key, rule.params);
  const dayLabel = (i: number) => `${t(`time.week.days.${DAY_KEYS[i]}`)} ${Number(days[i].slice(8))}/${Number(days[i].slice(5, 7))}`;

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        {t('time.week.hint')} <span data-testid="rounding-rule">{roundingText}</span>
      </p>
      {/* Focusable, so the keyboard scrolls it on a phone even when it has no cells to type in. */}
      <div
        tabIndex={0}
        role="region"
        aria-label={t('time.week.gridLabel')}
        className="overflow-x-auto rounded-2xl border border-border bg-surface"
      >
        <table className="w-full min-w-[44rem] border-collapse text-sm" data-testid="week-grid" aria-busy={pending}>
          <thead>
            <tr className="border-b border-border text-left text-muted">
              <th scope="col" className="px-4 py-3 font-medium">
                {t('time.week.row')}
              </th>
              {days.map((day, i) => (
                <th key={day} scope="col" className={cn('w-20 px-1 py-3 text-center font-medium', day === today && 'text-accent')}>
                  {dayLabel(i)}
                </th>
              ))}
              <th scope="col" className="w-28 whitespace-nowrap px-4 py-3 text-right font-medium">
                {t('time.week.total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {allRows.length === 0 && (
              <tr>
                <td colSpan={9} className="px-4 py-6 text-center text-muted">
                  {t('time.week.empty')}
                </td>
              </tr>
            )}
            {allRows.map((row) => (
              <tr key={row.nodeId} className="border-b border-border last:border-0" data-testid="grid-row">
                <th scope="row" className="max-w-[16rem] truncate px-4 py-2 text-left font-medium" title={row.path}>
                  {row.path}
                </th>
                {days.map((day, i) => {
                  const key = `${row.nodeId}:${i}`;
                  const value = row.minutes[i] ? durationInputValue(row.minutes[i]) : '';
                  const locked = row.locked[i];
                  const label = t(locked ? 'time.week.lockedCell' : 'time.week.cellLabel', { node: row.path, day: dayLabel(i) });
                  return (
                    <td key={day} className="relative px-1 py-1.5 align-top" data-locked={locked || undefined}>
                      {locked ? (
                        <span className="pointer-events-none absolute right-1.5 top-2 text-muted" title={t('time.week.locked')}>
                          <LockIcon />
                        </span>
                      ) : null}
                      <input
                        key={`${key}:${value}:${versions[key] ?? 0}`}
                        defaultValue={value}
                        inputMode="decimal"
                        aria-label={label}
                        aria-invalid={errors[key] ? true : undefined}
                        title={errors[key] ?? (locked ? t('time.week.locked') : undefined)}
                        className={cn(
                          'h-9 w-full rounded-md border border-transparent bg-subtle/60 px-1 text-center tabular-nums hover:border-border focus:border-ring focus:bg-surface focus:outline-none focus:ring-2 focus:ring-ring/25',
                          locked && 'border-dashed border-border bg-transparent',
                          errors[key] && 'border-danger bg-danger-soft',
                        )}
                        onBlur={(e) => commit(row, i, e.currentTarget.value)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') {
                            e.preventDefault();
                            commit(row, i, e.currentTarget.value);
                          }
                        }}
                      />
                    </td>
                  );
                })}
                <td className="whitespace-nowrap px-4 py-2 text-right font-medium tabular-nums">
                  {formatMinutes(
                    row.minutes.reduce((a, b) => a + b, 0),
                    locale,
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t border-border bg-subtle/40 font-medium">
              <th scope="row" className="px-4 py-3 text-left">
                {t('time.week.total')}
              </th>
              {dayTotals.map((m, i) => (
                <td key={days[i]} className="whitespace-nowrap px-1 py-3 text-center tabular-nums">
                  {m ? formatMinutes(m, locale) : '–'}
                </td>
              ))}
              <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums" data-testid="week-total">
                {formatMinutes(
                  dayTotals.reduce((a, b) => a + b, 0),
                  locale,
                )}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <div role="status" aria-live="polite" className="min-h-5 text-sm">
        {Object.values(errors).find(Boolean) ? (
          <span className="text-danger">{Object.values(errors).find(Boolean)}</span>
        ) : (
          <span className="text-muted">{status}</span>
        )}
      </div>
      <form
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          if (choice) setAdded((prev) => [...prev, choice]);
          setChoice('');
        }}
      >
        <div className="sm:w-96">
          <NodeSelect
            nodes={nodes.filter((n) => !allRows.some((r) => r.nodeId === n.id))}
            label={t('time.week.addRowLabel')}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
          />
        </div>
        <Button type="submit" variant="secondary">
          {t('time.week.add')}
        </Button>
      </form>
    </div>
  );
}
