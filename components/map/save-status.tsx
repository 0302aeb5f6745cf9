'use client';
// The autosave state in words, with a retry that sends the kept change again.
import { useI18n } from '@/components/i18n/provider';
import { Button } from '@/components/ui/button';
import type { SaveState } from './use-autosave';

export function SaveStatus({ status, onRetry }: { status: SaveState; onRetry: () => void }) {
  const { t } = useI18n();
  if (status.state === 'failed') {
    return (
      <div role="alert" className="flex flex-wrap items-center gap-2 rounded-lg bg-danger-soft px-3 py-1.5 text-sm text-danger">
        <span>{t('map.save.failed', { error: status.error })}</span>
        <Button size="sm" variant="secondary" onClick={onRetry}>
          {t('map.actions.retry')}
        </Button>
      </div>
    );
  }
  const text = status.state === 'pending' || status.state === 'saving' ? t('map.save.saving') : t('map.save.saved');
  return (
    <p role="status" aria-live="polite" className="text-sm text-muted" data-save-state={status.state}>
      <span aria-hidden className={status.state === 'saved' || status.state === 'idle' ? 'text-success' : 'text-muted'}>
        ●{' '}
      </span>
      {text}
    </p>
  );
}
