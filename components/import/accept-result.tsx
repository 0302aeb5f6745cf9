'use client';
// After accept: what was created, each client with its counts, and how keeping the documents went.
import Link from 'next/link';
import { useI18n } from '@/components/i18n/provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { AcceptResult } from '@/lib/import/accept';

export interface AttachStatus {
  name: string;
  state: 'pending' | 'done' | 'error';
  error?: string;
}

export function AcceptResultPanel({
  result,
  attachments,
  onAgain,
}: {
  result: AcceptResult;
  attachments: AttachStatus[];
  onAgain: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="space-y-5" data-testid="import-done">
      <Alert tone="success">{t('import.done.created', { count: result.created })}</Alert>
      <ul className="divide-y divide-border rounded-xl border border-border">
        {result.clients.map((c) => (
          <li key={c.id} className="px-4 py-3" data-testid="created-client">
            <p className="font-medium">
              <span data-testid="created-client-name">{c.name}</span>
              {c.merged && <span className="ml-2 text-xs font-normal text-muted">{t('import.done.merged')}</span>}
            </p>
            <p className="text-sm text-muted">{t('import.done.summary', { projects: c.projects, tasks: c.tasks, notes: c.notes })}</p>
          </li>
        ))}
      </ul>
      {attachments.length > 0 && (
        <ul className="space-y-1 text-sm" aria-live="polite">
          {attachments.map((a) => (
            <li key={a.name} className={a.state === 'error' ? 'text-danger' : 'text-muted'}>
              {a.state === 'pending' && `${a.name}: ${t('import.done.attaching')}`}
              {a.state === 'done' && t('import.done.attached', { name: a.name })}
              {a.state === 'error' && t('import.done.attachFailed', { name: a.name, error: a.error ?? '' })}
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-3">
        <Button asChild>
          <Link href="/karta">{t('import.done.openMap')}</Link>
        </Button>
        <Button variant="secondary" onClick={onAgain}>
          {t('import.done.again')}
        </Button>
      </div>
    </div>
  );
}
