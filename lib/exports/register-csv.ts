// The invoice register (fakturajournal) as CSV, for a spreadsheet: semicolon-separated with a
// decimal comma and a BOM, as Swedish Excel opens it; headers in the user's language.
import { stringify } from 'csv-stringify/sync';
import type { Translate } from '@/lib/i18n/catalogue';
import type { ExportInvoice } from './invoices';

/** Öre as "1234,56" (no thousands separator, so a spreadsheet reads it as a number). */
export function csvAmount(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(Math.round(ore));
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

const COLUMNS = [
  ['accountant.csv.number', (i: ExportInvoice) => String(i.number)],
  ['accountant.csv.kind', (i: ExportInvoice, t: Translate) => t(`invoices.kind.${i.kind}`)],
  ['accountant.csv.status', (i: ExportInvoice, t: Translate) => t(`invoices.status.${i.status}`)],
  ['accountant.csv.issueDate', (i: ExportInvoice) => i.issueDate],
  ['accountant.csv.dueDate', (i: ExportInvoice) => i.dueDate],
  ['accountant.csv.paidOn', (i: ExportInvoice) => i.paidOn ?? ''],
  ['accountant.csv.client', (i: ExportInvoice) => i.clientName],
  ['accountant.csv.clientOrgNumber', (i: ExportInvoice) => i.clientOrgNumber ?? ''],
  ['accountant.csv.credits', (i: ExportInvoice) => (i.creditsNumber === null ? '' : String(i.creditsNumber))],
  ['accountant.csv.reverseCharge', (i: ExportInvoice, t: Translate) => (i.reverseCharge ? t('accountant.csv.yes') : '')],
  ['accountant.csv.net', (i: ExportInvoice) => csvAmount(i.netOre)],
  ['accountant.csv.vat', (i: ExportInvoice) => csvAmount(i.vatOre)],
  ['accountant.csv.total', (i: ExportInvoice) => csvAmount(i.totalOre)],
  ['accountant.csv.ocr', (i: ExportInvoice) => i.ocrReference],
] as const;

export function registerCsv(invoices: ExportInvoice[], t: Translate): string {
  const rows = invoices.map((invoice) => COLUMNS.map(([, value]) => value(invoice, t)));
  return '\ufeff' + stringify([COLUMNS.map(([key]) => t(key)), ...rows], { delimiter: ';', record_delimiter: '\r\n' });
}
