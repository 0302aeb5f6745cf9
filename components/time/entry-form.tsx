'use client';
// Quick entry (and edit): date, duration as typed, node, rate defaulting from project or client,
// description, billable. Errors sit next to their field; what was typed is kept.
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { fieldError, FormMessage, Submit, valuesAfter } from '@/components/ui/form';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { initialState } from '@/lib/actions/state';
import { formatMoney } from '@/lib/i18n/format';
import { saveTimeEntry } from '@/lib/time/actions';
import type { TimeNode } from '@/lib/time/nodes';
import { roundingRuleKey, type RoundingStep } from '@/lib/time/rounding';
import { NodeSelect } from './node-select';

const KEPT_AFTER_SAVE = ['entryDate', 'nodeId', 'billable'];

export function EntryForm({
  nodes,
  stored,
  rounding,
  editing = false,
}: {
  nodes: TimeNode[];
  stored: Record<string, string>;
  rounding: RoundingStep;
  editing?: boolean;
}) {
  const { t, locale } = useI18n();
  const rule = roundingRuleKey(rounding);
  const [state, action] = useActionState(saveTimeEntry, initialState);
  const value = valuesAfter(state, stored);
  // After a successful quick entry the form starts over, keeping date, node and billable for the next one.
  const initial = (name: string) => (state.ok && !KEPT_AFTER_SAVE.includes(name) ? (stored[name] ?? '') : value(name));
  const [nodeId, setNodeId] = useState(initial('nodeId'));
  const node = nodes.find((n) => n.id === nodeId);
  const err = (name: string) => fieldError(state, name);

  if (nodes.length === 0) {
    return (
      <div className="space-y-3 text-sm text-muted">
        <p>{t('time.entry.noNodes')}</p>
        <Button asChild variant="secondary" size="sm">
          <Link href="/karta">{t('time.entry.toMap')}</Link>
        </Button>
      </div>
    );
  }

  return (
    <form key={JSON.stringify(state)} action={action} noValidate className="space-y-4" data-testid="entry-form">
      <FormMessage state={state} />
      {editing && <input type="hidden" name="id" value={stored.id} />}
      <div className="grid gap-4 sm:grid-cols-[10rem_8rem_minmax(0,1fr)]">
        <Field
          label={t('time.entry.date')}
          name="entryDate"
          type="date"
          required
          defaultValue={initial('entryDate')}
          error={err('entryDate')}
        />
        <Field
          label={t('time.entry.duration')}
          name="minutes"
          inputMode="decimal"
          required
          placeholder="1:30"
          hint={`${t('time.entry.durationHint')}. ${t(rule.key, rule.params)}`}
          defaultValue={initial('minutes')}
          error={err('minutes')}
          autoFocus={!editing}
        />
        <NodeSelect
          nodes={nodes}
          label={t('time.entry.node')}
          name="nodeId"
          required
          defaultValue={initial('nodeId')}
          error={err('nodeId')}
          onChange={(e) => setNodeId(e.target.value)}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_10rem]">
        <Field label={t('time.entry.description')} name="description" defaultValue={initial('description')} error={err('description')} />
        <Field
          label={t('time.entry.rate')}
          name="hourlyRate"
          inputMode="decimal"
          defaultValue={initial('hourlyRate')}
          error={err('hourlyRate')}
          hint={node ? t('time.entry.rateHint', { rate: formatMoney(node.defaultRateOre, locale) }) : undefined}
        />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="billable" defaultChecked={initial('billable') === 'on'} className="size-4 accent-[var(--accent)]" />
          {t('time.entry.billable')}
        </label>
        <div className="flex gap-2">
          {editing && (
            <Button asChild variant="ghost">
              <Link href={`/tid?vecka=${stored.entryDate}`}>{t('time.entry.cancel')}</Link>
            </Button>
          )}
          <Submit label={t(editing ? 'time.entry.update' : 'time.entry.save')} pendingLabel={t('time.entry.saving')} />
        </div>
      </div>
    </form>
  );
}
