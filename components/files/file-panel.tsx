'use client';
// Files on a node: drop or choose several at once, watch them upload, download through a
// short-lived signed link, delete. The bucket's limits are said up front and when a file breaks them.
import { useCallback, useEffect, useId, useState, type DragEvent } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { allowedTypesLabel, type UploadLimits } from '@/lib/files/limits';
import { formatBytes } from '@/lib/i18n/format';
import type { StoredFile } from '@/lib/files/storage';
import { formatDate } from '@/lib/i18n/format';
import { errorText, requestJson } from '@/components/ui/request-json';
import { useUploads } from './use-uploads';

export function FilePanel({ nodeId }: { nodeId: string }) {
  const { t, locale } = useI18n();
  const inputId = useId();
  const [files, setFiles] = useState<StoredFile[] | null>(null);
  const [limits, setLimits] = useState<UploadLimits | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const load = useCallback(() => {
    requestJson<{ files: StoredFile[]; limits: UploadLimits }>(`/api/files/${nodeId}`, t('map.files.network'))
      .then((body) => {
        setFiles(body.files);
        setLimits(body.limits);
        setError(null);
      })
      .catch((e: Error) => setError(t('map.errors.loadFailed', { error: e.message })));
  }, [nodeId, t]);
  useEffect(load, [load]);

  const { uploads, send, dismiss } = useUploads(nodeId, limits, load);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    for (const file of e.dataTransfer.files) send(file);
  };

  async function remove(name: string) {
    if (!window.confirm(t('map.files.confirmDelete', { name }))) return;
    const res = await fetch(`/api/files/${nodeId}/${encodeURIComponent(name)}`, { method: 'DELETE' }).catch(() => null);
    if (!res || !res.ok) setError(res ? await errorText(res, t('errors.generic')) : t('map.files.network'));
    load();
  }

  return (
    <div className="space-y-4">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          'rounded-xl border-2 border-dashed p-4 text-center transition-colors',
          dragging ? 'border-accent bg-accent-soft' : 'border-border',
        )}
      >
        <p className="text-sm font-medium">{t('map.files.drop')}</p>
        <label
          htmlFor={inputId}
          className="mt-2 inline-flex h-9 cursor-pointer items-center rounded-lg border border-border bg-surface px-3 text-sm font-medium hover:bg-subtle focus-within:ring-2 focus-within:ring-ring"
        >
          {t('map.files.choose')}
          <input
            id={inputId}
            type="file"
            multiple
            className="sr-only"
            onChange={(e) => {
              for (const file of e.target.files ?? []) send(file);
              e.target.value = '';
            }}
          />
        </label>
        {limits?.maxBytes ? (
          <p className="mt-2 text-xs text-muted">
            {t('map.files.limits', { limit: formatBytes(limits.maxBytes, locale), types: allowedTypesLabel(limits) })}
          </p>
        ) : null}
      </div>

      {uploads.length ? (
        <ul className="space-y-2" aria-live="polite">
          {uploads.map((u) => {
            const percent = u.total ? Math.round((u.loaded / u.total) * 100) : 0;
            return (
              <li key={u.id} className="space-y-1">
                {u.state === 'uploading' ? (
                  <>
                    <p className="truncate text-sm">{t('map.files.uploading', { name: u.name, percent })}</p>
                    <div
                      role="progressbar"
                      aria-label={u.name}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={percent}
                      className="h-2 overflow-hidden rounded-full bg-subtle"
                    >
                      <div className="h-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
                    </div>
                  </>
                ) : (
                  <div className="flex items-start gap-2">
                    <div className="flex-1">
                      <Alert tone={u.state === 'failed' ? 'error' : 'success'}>{u.message}</Alert>
                    </div>
                    <Button size="sm" variant="ghost" onClick={() => dismiss(u.id)} aria-label={t('map.actions.close')}>
                      ×
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}

      {error ? <Alert tone="error">{error}</Alert> : null}
      {files === null ? (
        <p className="text-sm text-muted">…</p>
      ) : files.length === 0 ? (
        <p className="text-sm text-muted">{t('map.files.none')}</p>
      ) : (
        <ul aria-label={t('map.files.listLabel')} className="divide-y divide-border rounded-xl border border-border">
          {files.map((f) => (
            <li key={f.name} className="flex flex-wrap items-center gap-2 px-3 py-2">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium">{f.name}</p>
                <p className="text-xs text-muted">
                  {formatBytes(f.size, locale)}
                  {f.createdAt ? ` · ${formatDate(f.createdAt, locale)}` : ''}
                </p>
              </div>
              <Button asChild size="sm" variant="secondary">
                <a href={`/api/files/${nodeId}/${encodeURIComponent(f.name)}`} aria-label={t('map.files.downloadNamed', { name: f.name })}>
                  {t('map.files.download')}
                </a>
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => void remove(f.name)}
                aria-label={t('map.files.deleteNamed', { name: f.name })}
              >
                {t('map.files.delete')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <p className="text-xs text-muted">{t('map.files.archivedKeep')}</p>
    </div>
  );
}
