// The invoice register (fakturajournal) as CSV, for a spreadsheet: one record per invoice or
// credit note, semicolon-separated with a decimal comma and a BOM, as Swedish Excel opens it;
// headers in the user's language. Text a spreadsheet would run as a formula (a client named
// "=HYPERLINK(...)") is neutralised, and no cell holds a line break.
import { stringify } from 'csv-stringify/sync';
import type { Translate } from '@/lib/i18n/catalogue';
import { oreDecimal } from '@/lib/validation/quantities';
import type { ExportInvoice } from './invoices';

/** The rates the register has a taxable-amount and a VAT column for. */
export const REGISTER_RATES = [25, 12, 6, 0] as const;

/** Starts a spreadsheet reads as a formula (OWASP's list); such text gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;
export const spreadsheetText = (text: string) => {
  const line = text.replace(/[\r\n]+/g, ' ');
  return FORMULA_START.test(line) ? `'${line}` : line;
};

const atRate = (i: ExportInvoice, rate: number) => i.vatSummary.find((r) => r.vat_rate === rate);
const money = (ore: number | undefined) => oreDecimal(ore ?? 0);

type Cell = (i: ExportInvoice, t: Translate) => string;
const text =
  (cell: Cell): Cell =>
  (i, t) =>
    spreadsheetText(cell(i, t));

const COLUMNS: [Parameters<Translate>[0], Parameters<Translate>[1] | undefined, Cell][] = [
  ['accountant.csv.number', undefined, (i) => String(i.number)],
  ['accountant.csv.kind', undefined, (i, t) => t(`invoices.kind.${i.kind}`)],
  ['accountant.csv.status', undefined, (i, t) => t(`invoices.status.${i.status}`)],
  ['accountant.csv.issueDate', undefined, (i) => i.issueDate],
  // A credit note asks for no payment: no due date.
  ['accountant.csv.dueDate', undefined, (i) => (i.kind === 'invoice' ? i.dueDate : '')],
  ['accountant.csv.paidOn', undefined, (i) => i.paidOn ?? ''],
  ['accountant.csv.client', undefined, text((i) => i.clientName)],
  ['accountant.csv.clientOrgNumber', undefined, text((i) => i.clientOrgNumber ?? '')],
  ['accountant.csv.clientVatNumber', undefined, text((i) => i.clientVatNumber ?? '')],
  ['accountant.csv.clientCountry', undefined, text((i) => i.clientCountry ?? '')],
  ['accountant.csv.credits', undefined, (i) => (i.creditsNumber === null ? '' : String(i.creditsNumber))],
  ['accountant.csv.treatment', undefined, (i, t) => t(`accountant.csv.treatments.${i.vatTreatment}`)],
  ...REGISTER_RATES.flatMap((rate): (typeof COLUMNS)[number][] => [
    ['accountant.csv.taxableAt', { rate }, (i) => money(atRate(i, rate)?.taxable_ore)],
    ['accountant.csv.vatAt', { rate }, (i) => money(atRate(i, rate)?.vat_ore)],
  ]),
  ['accountant.csv.net', undefined, (i) => oreDecimal(i.netOre)],
  ['accountant.csv.vat', undefined, (i) => oreDecimal(i.vatOre)],
  ['accountant.csv.rounding', undefined, (i) => oreDecimal(i.roundingOre)],
  ['accountant.csv.total', undefined, (i) => oreDecimal(i.totalOre)],
  ['accountant.csv.ocr', undefined, text((i) => i.ocrReference)],
  ['accountant.csv.paid', undefined, (i) => oreDecimal(i.paidOre)],
  ['accountant.csv.credited', undefined, (i) => oreDecimal(i.creditedOre)],
  ['accountant.csv.outstanding', undefined, (i) => (i.outstandingOre === null ? '' : oreDecimal(i.outstandingOre))],
];

export function registerCsv(invoices: ExportInvoice[], t: Translate): string {
  const header = COLUMNS.map(([key, params]) => t(key, params));
  const rows = invoices.map((invoice) => COLUMNS.map(([, , value]) => value(invoice, t)));
  return '\ufeff' + stringify([header, ...rows], { delimiter: ';', record_delimiter: '\r\n' });
}
