'use client';
// Shown when a page of the app fails; details stay in the server log, not on the screen.
import { useI18n } from '@/components/i18n/provider';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

export default function AppError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-xl space-y-6 py-12">
      <Alert tone="error">{t('errors.generic')}</Alert>
      <Button variant="secondary" onClick={reset}>
        {t('errors.retry')}
      </Button>
    </div>
  );
}
