'use client';
// The timer in the app header, on every page: while it runs, the elapsed time, what it runs on and
// a stop button; otherwise a button that opens a small form to start one. The same actions as the
// timer card on /tid (the timer lives on the server, so both show the same one). What it can be
// started on is fetched each time the form opens (the list follows the map without a reload).
import { useActionState, useEffect, useState } from 'react';
import { useFormStatus } from 'react-dom';
import { useI18n } from '@/components/i18n/provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { requestJson } from '@/components/ui/request-json';
import { Field } from '@/components/ui/field';
import { fieldError, FormMessage, Submit } from '@/components/ui/form';
import { initialState } from '@/lib/actions/state';
import { startTimerAction, stopTimerAction } from '@/lib/time/actions';
import type { TimeNode } from '@/lib/time/nodes';
import { roundingRuleKey, type RoundingStep } from '@/lib/time/rounding';
import type { RunningTimer } from '@/lib/time/timer';
import { NodeSelect } from './node-select';
import { TimerTicker } from './timer-ticker';

function PlayIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
      <path d="M4 2.8v10.4a.8.8 0 0 0 1.2.7l8.4-5.2a.8.8 0 0 0 0-1.4L5.2 2.1A.8.8 0 0 0 4 2.8Z" />
    </svg>
  );
}

/** An icon-only submit, disabled while stopping so a double click logs once. */
function StopButton({ label, title }: { label: string; title: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" size="icon" variant="ghost" className="size-8" disabled={pending} aria-label={label} title={title}>
      <svg aria-hidden viewBox="0 0 16 16" className="size-3" fill="currentColor">
        <rect x="3" y="3" width="10" height="10" rx="1.5" />
      </svg>
    </Button>
  );
}

/** The nodes for the start form, fetched while it is open; the last list stays shown meanwhile. */
function useStartableNodes(open: boolean) {
  const { t } = useI18n();
  const [nodes, setNodes] = useState<TimeNode[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    requestJson<{ nodes: TimeNode[] }>('/api/time/nodes', t('map.save.offline'), { cache: 'no-store' })
      .then((body) => live && (setNodes(body.nodes), setError(null)))
      .catch((e: Error) => live && setError(t('map.errors.loadFailed', { error: e.message })));
    return () => {
      live = false;
    };
  }, [open, t]);
  return { nodes, error };
}

export function HeaderTimer({ timer, rounding }: { timer: RunningTimer | null; rounding: RoundingStep }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { nodes, error } = useStartableNodes(open && !timer);
  const [started, start] = useActionState(startTimerAction, initialState);
  const [stopped, stop] = useActionState(stopTimerAction, initialState);
  const rule = roundingRuleKey(rounding);
  // A started timer closes the form (the header re-renders with it running).
  useEffect(() => {
    if (started.ok) setOpen(false);
  }, [started]);

  if (timer) {
    return (
      <form
        action={stop}
        className="flex min-w-0 items-center gap-1.5 rounded-lg border border-accent/40 bg-accent-soft py-0.5 pl-2.5 pr-0.5 text-sm"
        data-testid="header-timer"
        aria-label={t('time.timer.headerRunning', { node: timer.path })}
      >
        <span className="size-2 shrink-0 animate-pulse rounded-full bg-accent" aria-hidden />
        <TimerTicker timer={timer} className="text-sm" testId="header-timer-elapsed" />
        <span className="hidden max-w-40 truncate text-muted lg:inline" title={timer.path}>
          {timer.path}
        </span>
        <StopButton label={t('time.timer.stop')} title={`${t('time.timer.stop')} · ${t(rule.key, rule.params)}`} />
      </form>
    );
  }

  return (
    <div className="sm:relative" data-testid="header-timer">
      <Button
        size="sm"
        variant="secondary"
        className="h-9 px-2.5"
        aria-expanded={open}
        aria-controls="header-timer-form"
        aria-label={`${t('time.timer.header')}: ${t('time.timer.headerStart')}`}
        onClick={() => setOpen((v) => !v)}
      >
        <PlayIcon />
        <span className="hidden sm:inline">{t('time.timer.header')}</span>
      </Button>
      {stopped.ok && stopped.message && !open ? (
        <span role="status" className="sr-only">
          {stopped.message}
        </span>
      ) : null}
      {open ? (
        <div
          id="header-timer-form"
          className="fixed inset-x-3 top-16 z-50 rounded-xl border border-border bg-surface p-4 shadow-xl sm:absolute sm:inset-x-auto sm:right-0 sm:top-full sm:mt-2 sm:w-80"
        >
          <form action={start} noValidate className="space-y-3" aria-label={t('time.timer.headerStart')}>
            <FormMessage state={stopped.ok && started === initialState ? stopped : started} />
            {error ? <Alert tone="error">{error}</Alert> : null}
            {/* Mounted anew once the list is here, so the choice kept after a refusal finds its option. */}
            <NodeSelect
              key={nodes ? 'loaded' : 'loading'}
              nodes={nodes ?? []}
              disabled={!nodes}
              aria-busy={!nodes || undefined}
              label={t('time.entry.node')}
              name="nodeId"
              defaultValue={started.values?.nodeId ?? ''}
              error={fieldError(started, 'nodeId')}
              autoFocus
            />
            <Field
              label={t('time.timer.description')}
              name="description"
              defaultValue={started.values?.description ?? ''}
              error={fieldError(started, 'description')}
            />
            <p className="text-xs text-muted">{t(rule.key, rule.params)}</p>
            <div className="flex justify-end gap-2">
              <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
                {t('time.timer.close')}
              </Button>
              <Submit size="sm" label={t('time.timer.start')} pendingLabel={t('time.timer.starting')} />
            </div>
          </form>
        </div>
      ) : null}
    </div>
  );
}
