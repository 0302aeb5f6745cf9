'use client';
// The running timer's elapsed time. Its state lives on the server; the page only ticks, measured
// against the database clock so a wrong device clock does not matter.
import { useEffect, useState } from 'react';
import { cn } from '@/components/ui/cn';
import type { RunningTimer } from '@/lib/time/timer';

function elapsed(ms: number) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** The elapsed time of the running timer, ticking each second. */
export function TimerTicker({ timer, className, testId }: { timer: RunningTimer; className?: string; testId?: string }) {
  // Offset between this device's clock and the server's, fixed when the page was rendered.
  const [offset] = useState(() => Date.parse(timer.serverNow) - Date.now());
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(id);
  }, [offset]);
  return (
    <span className={cn('font-mono font-semibold tabular-nums', className)} role="timer" data-testid={testId}>
      {elapsed(now - Date.parse(timer.startedAt))}
    </span>
  );
}
