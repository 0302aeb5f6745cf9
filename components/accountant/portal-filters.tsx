// The portal's filters: a plain GET form, so the period is in the URL and works without script.
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import type { ExportFilter } from '@/lib/exports/filter';
import type { Translate } from '@/lib/i18n/catalogue';

export function PortalFilters({ filter, t }: { filter: ExportFilter; t: Translate }) {
  return (
    <form
      method="get"
      action="/portal"
      aria-label={t('accountant.portal.filters')}
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1fr_auto] lg:items-end"
    >
      <div className="space-y-1.5">
        <Label htmlFor="filter-from">{t('accountant.portal.from')}</Label>
        <Input id="filter-from" name="from" type="date" defaultValue={filter.from} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="filter-to">{t('accountant.portal.to')}</Label>
        <Input id="filter-to" name="to" type="date" defaultValue={filter.to} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="filter-status">{t('accountant.portal.status')}</Label>
        <Select id="filter-status" name="status" defaultValue={filter.status ?? ''}>
          <option value="">{t('accountant.portal.all')}</option>
          {(['open', 'sent', 'partly_paid', 'paid', 'credited'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`invoices.status.${s}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="filter-kind">{t('accountant.portal.kind')}</Label>
        <Select id="filter-kind" name="kind" defaultValue={filter.kind ?? ''}>
          <option value="">{t('accountant.portal.all')}</option>
          {(['invoice', 'credit_note'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`invoices.kind.${k}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex gap-2">
        <Button type="submit">{t('accountant.portal.apply')}</Button>
        <Button asChild variant="ghost">
          <Link href="/portal">{t('accountant.portal.reset')}</Link>
        </Button>
      </div>
    </form>
  );
}
