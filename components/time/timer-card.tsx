'use client';
// The start/stop timer. Its state lives on the server; the page only ticks the elapsed time,
// measured against the database clock so a wrong device clock does not matter.
import { useActionState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { fieldError, FormMessage, Submit } from '@/components/ui/form';
import { Field } from '@/components/ui/field';
import { initialState } from '@/lib/actions/state';
import { startTimerAction, stopTimerAction } from '@/lib/time/actions';
import type { TimeNode } from '@/lib/time/nodes';
import { roundingRuleKey, type RoundingStep } from '@/lib/time/rounding';
import type { RunningTimer } from '@/lib/time/timer';
import { NodeSelect } from './node-select';
import { TimerTicker } from './timer-ticker';

export function TimerCard({ timer, nodes, rounding }: { timer: RunningTimer | null; nodes: TimeNode[]; rounding: RoundingStep }) {
  const { t, locale } = useI18n();
  const rule = roundingRuleKey(rounding);
  const ruleText = (
    <p className="text-xs text-muted" data-testid="timer-rounding">
      {t(rule.key, rule.params)}
    </p>
  );
  const [started, start] = useActionState(startTimerAction, initialState);
  const [stopped, stop] = useActionState(stopTimerAction, initialState);
  if (timer) {
    const since = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-SE', { timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(
      new Date(timer.startedAt),
    );
    return (
      <form action={stop} className="space-y-3" data-testid="timer-running">
        <p className="text-sm font-medium text-accent">{t('time.timer.running')}</p>
        <TimerTicker timer={timer} className="text-3xl" testId="timer-elapsed" />
        <p className="text-sm">
          <span className="font-medium">{timer.path}</span>
          {timer.description && <span className="text-muted"> · {timer.description}</span>}
        </p>
        <p className="text-xs text-muted">{t('time.timer.since', { time: since })}</p>
        {ruleText}
        <Submit className="w-full" label={t('time.timer.stop')} pendingLabel={t('time.timer.stopping')} />
      </form>
    );
  }
  return (
    <form action={start} noValidate className="space-y-3" data-testid="timer-form">
      <FormMessage state={stopped.ok ? stopped : started} />
      <NodeSelect
        nodes={nodes}
        label={t('time.entry.node')}
        name="nodeId"
        defaultValue={started.values?.nodeId ?? ''}
        error={fieldError(started, 'nodeId')}
      />
      <Field
        label={t('time.timer.description')}
        name="description"
        defaultValue={started.values?.description ?? ''}
        error={fieldError(started, 'description')}
      />
      {ruleText}
      <Submit variant="secondary" className="w-full" label={t('time.timer.start')} pendingLabel={t('time.timer.starting')} />
    </form>
  );
}
