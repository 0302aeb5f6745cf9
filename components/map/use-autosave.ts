'use client';
// Autosave for node edits: changes are applied on screen at once and sent debounced, one request
// per node, never two at a time. A failed save keeps the change queued, shows why, and retries on
// demand (or with the next edit); leaving the page with unsaved changes asks first.
import { useCallback, useEffect, useRef, useState } from 'react';
import { requestJson } from '@/components/ui/request-json';
import type { MapNode, NodePatch } from '@/lib/map/types';

export type SaveState = { state: 'idle' | 'pending' | 'saving' | 'saved' } | { state: 'failed'; error: string };

const DEBOUNCE_MS = 700;

export function useAutosave(onSaved: (node: MapNode) => void, offlineText: string) {
  const pending = useRef(new Map<string, NodePatch>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flushing = useRef(false);
  const [status, setStatus] = useState<SaveState>({ state: 'idle' });

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (flushing.current || pending.current.size === 0) return;
    flushing.current = true;
    setStatus({ state: 'saving' });
    const batch = [...pending.current];
    pending.current.clear();
    let failure: string | null = null;
    for (const [id, patch] of batch) {
      try {
        const { node } = await requestJson<{ node: MapNode }>(`/api/nodes/${id}`, offlineText, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(patch),
        });
        onSaved(node);
      } catch (error) {
        failure = (error as Error).message;
        // Keep the change; anything typed since goes on top of it.
        pending.current.set(id, { ...patch, ...pending.current.get(id) });
      }
    }
    flushing.current = false;
    if (failure) setStatus({ state: 'failed', error: failure });
    else if (pending.current.size) {
      setStatus({ state: 'pending' });
      // flush schedules itself again; the timer fires long after this callback exists.
      // eslint-disable-next-line react-hooks/immutability
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    } else setStatus({ state: 'saved' });
  }, [onSaved, offlineText]);

  const queue = useCallback(
    (id: string, patch: NodePatch) => {
      pending.current.set(id, { ...pending.current.get(id), ...patch });
      setStatus((s) => (s.state === 'failed' ? s : { state: 'pending' }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (pending.current.size || flushing.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  return { status, queue, retry: flush };
}
