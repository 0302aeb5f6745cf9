// The filters every export and the portal list take from the query string: period (issue date),
// status, client and kind. Empty parameters mean "no filter"; anything malformed is refused.
import { z } from 'zod';
import { EXPORT_KINDS, type DocumentKind } from '@/lib/invoices/read';
import { isDay } from '@/lib/time/week';

const date = z.string().refine(isDay);
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const INVOICE_STATUSES = ['sent', 'partly_paid', 'paid', 'credited'] as const;
export const exportFilterSchema = z
  .object({
    from: z.preprocess(blankToUndefined, date.optional()),
    to: z.preprocess(blankToUndefined, date.optional()),
    /** open = an invoice with something left to pay (kundreskontra); the others are the stored statuses. */
    status: z.preprocess(blankToUndefined, z.enum([...INVOICE_STATUSES, 'open']).optional()),
    client: z.preprocess(blankToUndefined, z.uuid().optional()),
    /** Only kinds the exports carry (lib/invoices/read.ts): anything else is refused. */
    kind: z.preprocess(blankToUndefined, z.enum(EXPORT_KINDS as [DocumentKind, ...DocumentKind[]]).optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'period', path: ['to'] });

export type ExportFilter = z.output<typeof exportFilterSchema>;

export function parseExportFilter(params: URLSearchParams): ExportFilter | null {
  const parsed = exportFilterSchema.safeParse(
    Object.fromEntries(['from', 'to', 'status', 'client', 'kind'].map((k) => [k, params.get(k)])),
  );
  return parsed.success ? parsed.data : null;
}

/** The filter as a query string (links between the portal and the download routes). */
export function filterQuery(filter: ExportFilter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return params.toString();
}

/** The part of a download's file name that names its period (`alla`: no period chosen). */
export function periodSuffix(filter: ExportFilter): string {
  return [filter.from, filter.to].filter(Boolean).join('_') || 'alla';
}

/** The period's ZIP of archived PDFs; the portal suggests it when saving, the route sends it. */
export const zipFileName = (filter: ExportFilter) => `fakturor-${periodSuffix(filter)}.zip`;
