'use client';
// Downloads the period's ZIP without ever holding it in the page's memory. Where the browser can
// write to a file the user picks (File System Access, in Chromium-based browsers), the streamed
// response is piped into that file chunk by chunk and a progress bar follows it against the
// archived PDFs' total size; a failure aborts the write, so no half file is left. Elsewhere the
// browser downloads it itself, and its download list shows the progress.
import { useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { Button } from '@/components/ui/button';
import { formatBytes } from '@/lib/i18n/format';

type Progress =
  | { phase: 'idle' }
  | { phase: 'loading'; received: number; totalBytes: number; totalFiles: number }
  | { phase: 'done'; received: number; totalFiles: number }
  | { phase: 'handedToBrowser' }
  | { phase: 'error' };

interface SaveFilePicker {
  (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }): Promise<{
    createWritable(): Promise<WritableStream<Uint8Array>>;
  }>;
}

function savePicker(): SaveFilePicker | undefined {
  return (window as Window & { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
}

export function ZipDownload({ href, fileName, label }: { href: string; fileName: string; label: string }) {
  const { t, locale } = useI18n();
  const [progress, setProgress] = useState<Progress>({ phase: 'idle' });
  const size = (bytes: number) => formatBytes(bytes, locale);

  function browserDownload() {
    const link = document.createElement('a');
    link.href = href;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setProgress({ phase: 'handedToBrowser' });
  }

  async function download() {
    const pick = savePicker();
    if (!pick) return browserDownload();
    let file: Awaited<ReturnType<SaveFilePicker>>;
    try {
      // Asked first, while the click still counts as the user's gesture.
      file = await pick({ suggestedName: fileName, types: [{ description: 'ZIP', accept: { 'application/zip': ['.zip'] } }] });
    } catch (error) {
      if ((error as Error).name === 'AbortError') return; // the user closed the dialog
      return browserDownload();
    }
    try {
      const response = await fetch(href);
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const totalFiles = Number(response.headers.get('x-total-files') ?? 0);
      const totalBytes = Number(response.headers.get('x-total-bytes') ?? 0);
      let received = 0;
      setProgress({ phase: 'loading', received, totalBytes, totalFiles });
      const counted = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          received += chunk.length;
          setProgress({ phase: 'loading', received, totalBytes, totalFiles });
          controller.enqueue(chunk);
        },
      });
      await response.body.pipeThrough(counted).pipeTo(await file.createWritable());
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
            {t('accountant.portal.zipProgress', {
              total: progress.totalFiles,
              size: size(progress.received),
              totalSize: size(progress.totalBytes),
            })}
          </p>
        </div>
      ) : null}
      {progress.phase === 'done' ? (
        <p className="text-sm text-success" role="status" data-testid="zip-done">
          {t('accountant.portal.zipDone', { total: progress.totalFiles, size: size(progress.received) })}
        </p>
      ) : null}
      {progress.phase === 'handedToBrowser' ? (
        <p className="text-sm text-muted" role="status" data-testid="zip-browser">
          {t('accountant.portal.zipInBrowser')}
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
