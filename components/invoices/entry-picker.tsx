'use client';
// Unbilled hours grouped by project/task and hourly rate, picked per group or per entry; the
// chosen ids go to the action as one comma-separated field, with a live sum of what they bill.
import { useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { formatDate, formatMinutes, formatMoney } from '@/lib/i18n/format';
import type { ActionState } from '@/lib/actions/state';
import type { UnbilledEntry } from '@/lib/invoices/queries';
import { lineAmountOre } from '@/lib/invoices/totals';
import { ActionForm, Submit } from '@/components/ui/form';
import { CheckboxField } from './fields';

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

interface Group {
  key: string;
  path: string;
  rateOre: number;
  entries: UnbilledEntry[];
}

function groupEntries(entries: UnbilledEntry[]): Group[] {
  const groups = new Map<string, Group>();
  for (const e of entries) {
    const key = `${e.nodeId}:${e.rateOre}`;
    const g = groups.get(key) ?? { key, path: e.path, rateOre: e.rateOre, entries: [] };
    g.entries.push(e);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Hours to two decimals, as bill_time_entries() puts them on the line. */
const hours = (minutes: number) => (Math.round((minutes * 100) / 60) / 100).toFixed(2);

export function EntryPicker({
  entries,
  action,
  hidden,
  submitLabel,
  allowEmpty,
  emptyText,
}: {
  entries: UnbilledEntry[];
  action: Action;
  hidden: Record<string, string>;
  submitLabel: string;
  allowEmpty?: boolean;
  emptyText: string;
}) {
  const { t, locale } = useI18n();
  const groups = useMemo(() => groupEntries(entries), [entries]);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(entries.map((e) => e.id)));
  const toggle = (ids: string[], on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      ids.forEach((id) => (on ? next.add(id) : next.delete(id)));
      return next;
    });
  const picked = groups.map((g) => g.entries.filter((e) => chosen.has(e.id)));
  const minutes = picked.flat().reduce((s, e) => s + e.minutes, 0);
  const amount = groups.reduce((s, g, i) => {
    const m = picked[i].reduce((x, e) => x + e.minutes, 0);
    return m ? s + lineAmountOre(hours(m), g.rateOre) : s;
  }, 0);

  let body: ReactNode;
  if (groups.length === 0) body = <p className="text-sm text-muted">{emptyText}</p>;
  else
    body = (
      <div className="space-y-4">
        {groups.map((g) => {
          const all = g.entries.every((e) => chosen.has(e.id));
          const groupMinutes = g.entries.reduce((s, e) => s + e.minutes, 0);
          return (
            <fieldset key={g.key} className="rounded-xl border border-border">
              <legend className="sr-only">{t('invoices.builder.group', { path: g.path, rate: formatMoney(g.rateOre, locale) })}</legend>
              <label className="flex cursor-pointer items-center gap-3 border-b border-border bg-subtle/60 px-4 py-2.5">
                <input
                  type="checkbox"
                  className="h-4 w-4 accent-[var(--accent)]"
                  checked={all}
                  aria-label={t('invoices.builder.selectGroup', { path: g.path })}
                  onChange={(e) =>
                    toggle(
                      g.entries.map((x) => x.id),
                      e.target.checked,
                    )
                  }
                />
                <span className="min-w-0 flex-1 font-medium">
                  {t('invoices.builder.group', { path: g.path, rate: formatMoney(g.rateOre, locale) })}
                </span>
                <span className="text-sm text-muted tabular-nums">
                  {`${formatMinutes(groupMinutes, locale)} · ${formatMoney(lineAmountOre(hours(groupMinutes), g.rateOre), locale)}`}
                </span>
              </label>
              <ul className="divide-y divide-border">
                {g.entries.map((e) => (
                  <li key={e.id}>
                    <label className="flex cursor-pointer items-center gap-3 px-4 py-2 text-sm">
                      <input
                        type="checkbox"
                        className="h-4 w-4 accent-[var(--accent)]"
                        checked={chosen.has(e.id)}
                        onChange={(ev) => toggle([e.id], ev.target.checked)}
                      />
                      <span className="w-24 shrink-0 tabular-nums text-muted">{formatDate(e.date, locale)}</span>
                      <span className="min-w-0 flex-1 truncate">{e.description || '–'}</span>
                      <span className="tabular-nums">{formatMinutes(e.minutes, locale)}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          );
        })}
        <CheckboxField name="perEntry" label={t('invoices.builder.perEntry')} />
        <p className="text-sm font-medium" aria-live="polite" data-testid="selected-summary">
          {t('invoices.builder.selected', { hours: formatMinutes(minutes, locale), amount: formatMoney(amount, locale) })}
        </p>
      </div>
    );

  return (
    <ActionForm action={action} className="space-y-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="entryIds" value={[...chosen].filter((id) => entries.some((e) => e.id === id)).join(',')} />
      {body}
      {groups.length > 0 || allowEmpty ? (
        <Submit label={submitLabel} pendingLabel={t('invoices.builder.creating')} disabled={!allowEmpty && chosen.size === 0} />
      ) : null}
    </ActionForm>
  );
}
