'use client';
// Rename in place: an input over the title that saves on Enter or blur and gives up on Escape.
import { useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { cn } from '@/components/ui/cn';

export function InlineTitle({
  value,
  onCommit,
  onDone,
  className,
}: {
  value: string;
  onCommit: (title: string) => void;
  onDone: () => void;
  className?: string;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  const commit = () => {
    const title = draft.trim();
    if (title !== value) onCommit(title);
    onDone();
  };
  return (
    <input
      autoFocus
      aria-label={t('map.panel.name')}
      value={draft}
      maxLength={300}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') onDone();
      }}
      className={cn(
        'nodrag w-full min-w-0 rounded border border-ring bg-surface px-1.5 py-0.5 text-sm text-fg focus:outline-none',
        className,
      )}
    />
  );
}
