'use client';
// Downloads the period's ZIP with a progress bar: the response is read chunk by chunk (the server
// streams it; its length is not known beforehand), measured against the archived PDFs' total size.
import { useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Button } from '@/components/ui/button';

type Progress =
  | { phase: 'idle' }
  | { phase: 'loading'; received: number; totalBytes: number; totalFiles: number }
  | { phase: 'done'; received: number; totalFiles: number }
  | { phase: 'error' };

function fileName(disposition: string | null): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? 'fakturor.zip';
}

export function ZipDownload({ href, label }: { href: string; label: string }) {
  const { t, locale } = useI18n();
  const [progress, setProgress] = useState<Progress>({ phase: 'idle' });
  const size = (bytes: number) =>
    bytes < 1_000_000
      ? new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(bytes / 1000)
      : new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1_000_000);

  async function download() {
    try {
      const response = await fetch(href);
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const totalFiles = Number(response.headers.get('x-total-files') ?? 0);
      const totalBytes = Number(response.headers.get('x-total-bytes') ?? 0);
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      setProgress({ phase: 'loading', received, totalBytes, totalFiles });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        received += value.length;
        setProgress({ phase: 'loading', received, totalBytes, totalFiles });
      }
      const url = URL.createObjectURL(new Blob(chunks, { type: 'application/zip' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName(response.headers.get('content-disposition'));
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setProgress({ phase: 'done', received, totalFiles });
    } catch {
      setProgress({ phase: 'error' });
    }
  }

  return (
    <div className="space-y-2">
      <Button onClick={download} disabled={progress.phase === 'loading'} variant="secondary" className="w-full justify-start">
        {label}
      </Button>
      {progress.phase === 'loading' ? (
        <div className="space-y-1" role="status">
          <progress
            className="h-2 w-full overflow-hidden rounded-full accent-[var(--accent)]"
            max={Math.max(progress.totalBytes, 1)}
            value={Math.min(progress.received, progress.totalBytes)}
            aria-label={label}
          />
          <p className="text-sm text-muted">
            {t('accountant.portal.zipProgress', { total: progress.totalFiles, size: size(progress.received), totalSize: size(progress.totalBytes) })}
          </p>
        </div>
      ) : null}
      {progress.phase === 'done' ? (
        <p className="text-sm text-success" role="status" data-testid="zip-done">
          {t('accountant.portal.zipDone', { total: progress.totalFiles, size: size(progress.received) })}
        </p>
      ) : null}
      {progress.phase === 'error' ? (
        <p className="text-sm text-danger" role="alert">
          {t('accountant.portal.zipFailed')}
        </p>
      ) : null}
    </div>
  );
}
