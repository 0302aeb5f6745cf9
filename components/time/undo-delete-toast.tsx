'use client';
// After a time entry is deleted: a toast saying so with "Ångra", which restores the entry exactly
// as it was (restore_time_entry in the database, within the hour). It closes by itself after a
// while; the deletion stays undoable from the database's side until the hour is up.
import { useActionState, useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Button } from '@/components/ui/button';
import { Submit } from '@/components/ui/form';
import { initialState } from '@/lib/actions/state';
import { restoreTimeEntry } from '@/lib/time/actions';

const VISIBLE_MS = 15_000;

export function UndoDeleteToast({ entryId }: { entryId: string }) {
  const { t } = useI18n();
  const [state, restore] = useActionState(restoreTimeEntry, initialState);
  const [open, setOpen] = useState(true);
  useEffect(() => {
    const id = setTimeout(() => setOpen(false), VISIBLE_MS);
    return () => clearTimeout(id);
  }, [state]);
  if (!open) return null;
  const failed = !state.ok && state !== initialState;
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="undo-toast"
      className="fixed inset-x-3 bottom-4 z-50 mx-auto flex max-w-md flex-wrap items-center gap-3 rounded-xl border border-border bg-surface px-4 py-3 text-sm shadow-lg"
    >
      <p className={failed ? 'flex-1 text-danger' : 'flex-1'}>
        {state.ok ? state.message : failed ? state.formError : t('time.entry.deleted')}
      </p>
      {state.ok ? null : (
        <form action={restore}>
          <input type="hidden" name="id" value={entryId} />
          <Submit size="sm" variant="secondary" label={t('time.undo.undo')} pendingLabel={t('time.undo.undoing')} />
        </form>
      )}
      <Button size="sm" variant="ghost" onClick={() => setOpen(false)} aria-label={t('time.undo.close')}>
        ✕
      </Button>
    </div>
  );
}
