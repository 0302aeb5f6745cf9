'use client';
// Profile → the first number of the invoice series, until something in it is sent; then only
// where the series stands.
import { useI18n } from '@/components/i18n/provider';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { setFirstInvoiceNumber } from '@/lib/invoices/actions';
import type { InvoiceSeries } from '@/lib/invoices/series';
import { ActionForm, Submit } from '@/components/ui/form';
import { FormField } from './fields';

export function InvoiceSeriesForm({ series }: { series: InvoiceSeries }) {
  const { t } = useI18n();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('invoices.series.title')}</CardTitle>
        {series.started ? null : <CardDescription>{t('invoices.series.text')}</CardDescription>}
      </CardHeader>
      <CardContent>
        {series.started ? (
          <p className="text-sm text-muted" data-testid="series-started">
            {t('invoices.series.started', { number: String(series.nextNumber) })}
          </p>
        ) : (
          <ActionForm action={setFirstInvoiceNumber} className="space-y-3" label={t('invoices.series.title')}>
            <FormField
              name="firstNumber"
              label={t('invoices.series.firstNumber')}
              inputMode="numeric"
              defaultValue={String(series.nextNumber)}
            />
            <Submit variant="secondary" label={t('invoices.series.save')} />
          </ActionForm>
        )}
      </CardContent>
    </Card>
  );
}
