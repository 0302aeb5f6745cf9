'use client';
// Profil → Redovisning: the bookkeeping method, VAT period, fiscal year and voucher series the
// SIE file and the reports follow.
import { useI18n } from '@/components/i18n/provider';
import { FormField, SelectField } from '@/components/invoices/fields';
import { ActionForm, Submit } from '@/components/ui/form';
import { BOOKKEEPING_METHODS, VAT_PERIODS, type BookkeepingSettings } from '@/lib/exports/sie/accounts';
import { saveBookkeepingSettings } from '@/lib/reports/actions';

export function BookkeepingSettingsForm({ settings }: { settings: Omit<BookkeepingSettings, 'accounts'> }) {
  const { t } = useI18n();
  return (
    <ActionForm action={saveBookkeepingSettings} className="space-y-4" label={t('reports.settings.title')}>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField name="bookkeepingMethod" label={t('reports.settings.method')} defaultValue={settings.method}>
          {BOOKKEEPING_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`reports.settings.methods.${m}`)}
            </option>
          ))}
        </SelectField>
        <SelectField name="vatPeriod" label={t('reports.settings.vatPeriod')} defaultValue={settings.vatPeriod}>
          {VAT_PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`reports.settings.vatPeriods.${p}`)}
            </option>
          ))}
        </SelectField>
        <FormField
          name="fiscalYearStartMonth"
          label={t('reports.settings.fiscalYearStartMonth')}
          inputMode="numeric"
          defaultValue={String(settings.fiscalYearStartMonth)}
        />
        <FormField
          name="voucherSeries"
          label={t('reports.settings.voucherSeries')}
          hint={t('reports.settings.voucherSeriesHint')}
          maxLength={2}
          defaultValue={settings.series}
        />
      </div>
      <Submit variant="secondary" label={t('reports.settings.save')} pendingLabel={t('reports.settings.saving')} />
    </ActionForm>
  );
}
