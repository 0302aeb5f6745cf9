'use client';
// A node's markdown text: write (autosaved by the map) or preview, rendered safely.
import { useId, useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { cn } from '@/components/ui/cn';
import { Markdown } from './markdown';

export function NoteEditor({ value, onChange }: { value: string; onChange: (body: string) => void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'write' | 'preview'>(value ? 'preview' : 'write');
  const id = useId();
  const tab = (m: 'write' | 'preview') => (
    <button
      type="button"
      role="tab"
      aria-selected={mode === m}
      aria-controls={`${id}-${m}`}
      onClick={() => setMode(m)}
      className={cn('rounded-md px-3 py-1.5 text-sm font-medium', mode === m ? 'bg-surface text-fg shadow-sm' : 'text-muted hover:text-fg')}
    >
      {t(m === 'write' ? 'map.notes.write' : 'map.notes.preview')}
    </button>
  );
  return (
    <div className="space-y-2">
      <div role="tablist" className="inline-flex gap-1 rounded-lg bg-subtle p-1">
        {tab('write')}
        {tab('preview')}
      </div>
      {mode === 'write' ? (
        <div id={`${id}-write`} role="tabpanel" className="space-y-1.5">
          <label htmlFor={`${id}-body`} className="text-sm font-medium">
            {t('map.notes.label')}
          </label>
          <textarea
            id={`${id}-body`}
            value={value}
            maxLength={200000}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby={`${id}-hint`}
            rows={12}
            className="block w-full rounded-lg border border-border bg-surface px-3 py-2 font-mono text-sm text-fg focus:border-ring focus:outline-none focus:ring-2 focus:ring-ring/25"
          />
          <p id={`${id}-hint`} className="text-xs text-muted">
            {t('map.notes.hint')}
          </p>
        </div>
      ) : (
        <div id={`${id}-preview`} role="tabpanel" className="min-h-24 rounded-lg border border-border bg-surface p-3">
          {value.trim() ? <Markdown source={value} /> : <p className="text-sm text-muted">{t('map.notes.empty')}</p>}
        </div>
      )}
    </div>
  );
}
