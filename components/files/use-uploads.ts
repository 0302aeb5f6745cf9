'use client';
// Uploads with progress: each file goes to the node's route handler with XMLHttpRequest (fetch has
// no upload progress), several at once. Files the bucket would refuse are explained without sending.
import { useCallback, useState } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { checkUpload, fileType, type UploadLimits } from '@/lib/files/limits';

export interface Upload {
  id: number;
  name: string;
  loaded: number;
  total: number;
  state: 'uploading' | 'done' | 'failed';
  message?: string;
}

let seq = 0;

export function useUploads(nodeId: string, limits: UploadLimits | null, onUploaded: () => void) {
  const { t, locale } = useI18n();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const update = (id: number, patch: Partial<Upload>) => setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...patch } : u)));

  const send = useCallback(
    (file: File) => {
      const id = ++seq;
      const refusal = limits ? checkUpload({ name: file.name, size: file.size, type: file.type }, limits, locale) : null;
      if (refusal) {
        setUploads((list) => [
          ...list,
          { id, name: file.name, loaded: 0, total: file.size, state: 'failed', message: t(refusal.key, refusal.params) },
        ]);
        return;
      }
      setUploads((list) => [...list, { id, name: file.name, loaded: 0, total: file.size, state: 'uploading' }]);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/files/${nodeId}`);
      xhr.setRequestHeader('content-type', fileType(file.name, file.type));
      xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
      xhr.upload.onprogress = (e) => update(id, { loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          update(id, { state: 'done', loaded: file.size, message: t('map.files.uploaded', { name: file.name }) });
          onUploaded();
          return;
        }
        let message = t('errors.generic');
        try {
          message = (JSON.parse(xhr.responseText) as { error?: string }).error ?? message;
        } catch {
          // not JSON: keep the generic message
        }
        update(id, { state: 'failed', message: t('map.files.failed', { name: file.name, error: message }) });
      };
      xhr.onerror = () =>
        update(id, { state: 'failed', message: t('map.files.failed', { name: file.name, error: t('map.files.network') }) });
      xhr.send(file);
    },
    [limits, locale, nodeId, onUploaded, t],
  );

  const dismiss = (id: number) => setUploads((list) => list.filter((u) => u.id !== id));
  return { uploads, send, dismiss };
}
