'use client';
// Choosing or dropping files, and one row per file: its upload progress, then what was read from
// it or why it could not be read.
import { useId, useState, type DragEvent } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import type { ExtractedDocument } from '@/lib/import/extract/blocks';
import { ACCEPTED_EXTENSIONS } from '@/lib/import/limits';

export interface UploadItem {
  id: string;
  file: File;
  progress: number;
  status: 'uploading' | 'reading' | 'done' | 'error';
  document?: ExtractedDocument;
  error?: string;
}

export function UploadList({
  items,
  maxSize,
  onFiles,
  onRemove,
}: {
  items: UploadItem[];
  maxSize: string;
  onFiles: (files: File[]) => void;
  onRemove: (id: string) => void;
}) {
  const { t } = useI18n();
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    onFiles([...e.dataTransfer.files]);
  };
  return (
    <div className="space-y-4">
      <label
        htmlFor={inputId}
        onDragOver={(e) => (e.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          'flex cursor-pointer flex-col items-center justify-center gap-1 rounded-xl border-2 border-dashed border-border bg-subtle/40 px-4 py-8 text-center transition-colors',
          'focus-within:border-ring hover:bg-subtle',
          dragging && 'border-accent bg-accent-soft',
        )}
      >
        <span className="text-sm text-fg">
          {t('import.upload.drop')}{' '}
          <span className="font-medium text-accent underline underline-offset-4">{t('import.upload.choose')}</span>
        </span>
        <span id={hintId} className="max-w-prose text-sm text-muted">
          {t('import.upload.hint', { size: maxSize })}
        </span>
        <input
          id={inputId}
          type="file"
          multiple
          accept={ACCEPTED_EXTENSIONS.join(',')}
          aria-describedby={hintId}
          className="sr-only"
          onChange={(e) => {
            onFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </label>
      {items.length > 0 && (
        <ul className="divide-y divide-border rounded-xl border border-border" aria-label={t('import.upload.title')}>
          {items.map((item) => (
            <li key={item.id} className="flex items-start gap-3 px-4 py-3" data-testid="upload-row">
              <div className="min-w-0 flex-1 space-y-1.5">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <span className="truncate text-sm font-medium">{item.file.name}</span>
                  <span className={cn('text-xs', item.status === 'error' ? 'text-danger' : 'text-muted')}>
                    {item.status === 'done' ? t('import.upload.done') : item.status === 'error' ? '' : t('import.upload.reading')}
                  </span>
                </div>
                {item.status !== 'error' && (
                  <div
                    role="progressbar"
                    aria-label={t('import.upload.progress', { name: item.file.name })}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(item.progress * 100)}
                    className="h-1.5 overflow-hidden rounded-full bg-subtle"
                  >
                    <div
                      className={cn('h-full rounded-full bg-accent transition-[width]', item.status === 'reading' && 'animate-pulse')}
                      style={{ width: `${Math.round(item.progress * 100)}%` }}
                    />
                  </div>
                )}
                {item.status === 'error' && (
                  <p className="text-sm text-danger" role="alert">
                    {item.error}
                  </p>
                )}
                {item.document && <p className="text-xs text-muted">{t('import.upload.blocks', { count: item.document.blocks.length })}</p>}
              </div>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => onRemove(item.id)}
                aria-label={t('import.upload.remove', { name: item.file.name })}
              >
                ✕
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
