// The invoice register (fakturajournal) as CSV, for a spreadsheet: semicolon-separated with a
// decimal comma and a BOM, as Swedish Excel opens it; headers in the user's language.
import { stringify } from 'csv-stringify/sync';
import type { Translate } from '@/lib/i18n/catalogue';
import { oreDecimal } from '@/lib/validation/quantities';
import type { ExportInvoice } from './invoices';

const COLUMNS = [
  ['accountant.csv.number', (i: ExportInvoice) => String(i.number)],
  ['accountant.csv.kind', (i: ExportInvoice, t: Translate) => t(`invoices.kind.${i.kind}`)],
  ['accountant.csv.status', (i: ExportInvoice, t: Translate) => t(`invoices.status.${i.status}`)],
  ['accountant.csv.issueDate', (i: ExportInvoice) => i.issueDate],
  // A credit note asks for no payment: no due date.
  ['accountant.csv.dueDate', (i: ExportInvoice) => (i.kind === 'invoice' ? i.dueDate : '')],
  ['accountant.csv.paidOn', (i: ExportInvoice) => i.paidOn ?? ''],
  ['accountant.csv.client', (i: ExportInvoice) => i.clientName],
  ['accountant.csv.clientOrgNumber', (i: ExportInvoice) => i.clientOrgNumber ?? ''],
  ['accountant.csv.credits', (i: ExportInvoice) => (i.creditsNumber === null ? '' : String(i.creditsNumber))],
  ['accountant.csv.reverseCharge', (i: ExportInvoice, t: Translate) => (i.reverseCharge ? t('accountant.csv.yes') : '')],
  ['accountant.csv.net', (i: ExportInvoice) => oreDecimal(i.netOre)],
  ['accountant.csv.vat', (i: ExportInvoice) => oreDecimal(i.vatOre)],
  ['accountant.csv.total', (i: ExportInvoice) => oreDecimal(i.totalOre)],
  ['accountant.csv.ocr', (i: ExportInvoice) => i.ocrReference],
  ['accountant.csv.paid', (i: ExportInvoice) => oreDecimal(i.paidOre)],
  ['accountant.csv.credited', (i: ExportInvoice) => oreDecimal(i.creditedOre)],
  ['accountant.csv.outstanding', (i: ExportInvoice) => (i.outstandingOre === null ? '' : oreDecimal(i.outstandingOre))],
] as const;

export function registerCsv(invoices: ExportInvoice[], t: Translate): string {
  const rows = invoices.map((invoice) => COLUMNS.map(([, value]) => value(invoice, t)));
  return '\ufeff' + stringify([COLUMNS.map(([key]) => t(key)), ...rows], { delimiter: ';', record_delimiter: '\r\n' });
}
