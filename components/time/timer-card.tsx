'use client';
// The start/stop timer. Its state lives on the server; the page only ticks the elapsed time,
// measured against the database clock so a wrong device clock does not matter.
import { useActionState, useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { fieldError, FormMessage, Submit } from '@/components/ui/form';
import { Field } from '@/components/ui/field';
import { initialState } from '@/lib/actions/state';
import { startTimerAction, stopTimerAction } from '@/lib/time/actions';
import type { TimeNode } from '@/lib/time/nodes';
import type { RunningTimer } from '@/lib/time/timer';
import { NodeSelect } from './node-select';

function elapsed(ms: number) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

function Ticker({ timer }: { timer: RunningTimer }) {
  // Offset between this device's clock and the server's, fixed when the page was rendered.
  const [offset] = useState(() => Date.parse(timer.serverNow) - Date.now());
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(id);
  }, [offset]);
  return (
    <span className="font-mono text-3xl font-semibold tabular-nums" role="timer" data-testid="timer-elapsed">
      {elapsed(now - Date.parse(timer.startedAt))}
    </span>
  );
}

export function TimerCard({ timer, nodes }: { timer: RunningTimer | null; nodes: TimeNode[] }) {
  const { t, locale } = useI18n();
  const [started, start] = useActionState(startTimerAction, initialState);
  const [stopped, stop] = useActionState(stopTimerAction, initialState);
  if (timer) {
    const since = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-SE', { timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(
      new Date(timer.startedAt),
    );
    return (
      <form action={stop} className="space-y-3" data-testid="timer-running">
        <p className="text-sm font-medium text-accent">{t('time.timer.running')}</p>
        <Ticker timer={timer} />
        <p className="text-sm">
          <span className="font-medium">{timer.path}</span>
          {timer.description && <span className="text-muted"> · {timer.description}</span>}
        </p>
        <p className="text-xs text-muted">{t('time.timer.since', { time: since })}</p>
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
      <Submit variant="secondary" className="w-full" label={t('time.timer.start')} pendingLabel={t('time.timer.starting')} />
    </form>
  );
}
