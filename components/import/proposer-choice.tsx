'use client';
// Built-in (default, offline) or AI. Choosing AI shows what leaves the service and asks for a
// yes before anything is sent; the server checks that yes again.
import Link from 'next/link';
import { useI18n } from '@/components/i18n/provider';
import { cn } from '@/components/ui/cn';

export type Proposer = 'builtin' | 'ai';

function Option({
  value,
  current,
  label,
  hint,
  onChange,
}: {
  value: Proposer;
  current: Proposer;
  label: string;
  hint: string;
  onChange: (p: Proposer) => void;
}) {
  return (
    <label
      className={cn(
        'flex cursor-pointer gap-3 rounded-xl border p-4 transition-colors',
        current === value ? 'border-accent bg-accent-soft/60' : 'border-border hover:bg-subtle',
      )}
    >
      <input
        type="radio"
        name="proposer"
        value={value}
        checked={current === value}
        onChange={() => onChange(value)}
        className="mt-1 accent-[var(--accent)]"
      />
      <span className="space-y-0.5">
        <span className="block text-sm font-medium">{label}</span>
        <span className="block text-sm text-muted">{hint}</span>
      </span>
    </label>
  );
}

export function ProposerChoice({
  proposer,
  consent,
  aiEnabled,
  onProposer,
  onConsent,
}: {
  proposer: Proposer;
  consent: boolean;
  aiEnabled: boolean;
  onProposer: (p: Proposer) => void;
  onConsent: (c: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="space-y-3">
      <legend className="mb-3 text-sm font-medium">{t('import.propose.title')}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <Option
          value="builtin"
          current={proposer}
          label={t('import.propose.builtin')}
          hint={t('import.propose.builtinHint')}
          onChange={onProposer}
        />
        {aiEnabled && (
          <Option value="ai" current={proposer} label={t('import.propose.ai')} hint={t('import.propose.aiHint')} onChange={onProposer} />
        )}
      </div>
      {aiEnabled && proposer === 'ai' && (
        <div className="space-y-2 rounded-xl bg-subtle px-4 py-3">
          <label className="flex gap-3 text-sm leading-relaxed">
            <input
              type="checkbox"
              checked={consent}
              onChange={(e) => onConsent(e.target.checked)}
              className="mt-1 accent-[var(--accent)]"
            />
            <span>{t('import.propose.consent')}</span>
          </label>
          <Link href="/legal/privacy" target="_blank" className="ml-7 inline-block text-sm text-accent underline underline-offset-4">
            {t('import.propose.privacyLink')}
          </Link>
        </div>
      )}
    </fieldset>
  );
}
