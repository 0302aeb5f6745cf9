// The invoices and credit notes an export or the portal lists: whatever has left draft that RLS
// shows the user in the active workspace (owner: all; accountant: the same, read-only).
import { pageWithin } from '@/lib/db/paging';
import type { Tx } from '@/lib/db/transaction';
import { OUTSTANDING } from '@/lib/invoices/queries';
import type { VatTreatment } from '@/lib/invoices/vat-treatment';
import type { ExportFilter } from './filter';

export interface VatRow {
  vat_rate: number;
  taxable_ore: number;
  vat_ore: number;
}

export interface ExportInvoice {
  id: string;
  kind: 'invoice' | 'credit_note';
  status: 'sent' | 'partly_paid' | 'paid' | 'credited';
  series: string;
  number: number;
  issueDate: string;
  dueDate: string;
  paidOn: string | null;
  reverseCharge: boolean;
  vatTreatment: VatTreatment;
  clientId: string;
  clientName: string;
  clientOrgNumber: string | null;
  creditsNumber: number | null;
  vatSummary: VatRow[];
  netOre: number;
  vatOre: number;
  roundingOre: number;
  totalOre: number;
  /** Payments received (reversals subtracted) and credited by sent credit notes; 0 on credit notes. */
  paidOre: number;
  creditedOre: number;
  /** Left to pay, negative when overpaid; null on credit notes (they ask for no payment). */
  outstandingOre: number | null;
  ocrReference: string;
  pdfPath: string | null;
  pdfSha256: string | null;
}

/** One where clause for every filter, parameters in order. */
export function filterWhere(filter: ExportFilter, alias = 'i'): [string, unknown[]] {
  const clauses = [`${alias}.status <> 'draft'`];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.from) add(`${alias}.issue_date >= ?::date`, filter.from);
  if (filter.to) add(`${alias}.issue_date <= ?::date`, filter.to);
  if (filter.status === 'open') clauses.push(`${alias}.status in ('sent', 'partly_paid') and ${alias}.kind = 'invoice'`);
  else if (filter.status) add(`${alias}.status = ?`, filter.status);
  if (filter.client) add(`${alias}.client_node_id = ?::uuid`, filter.client);
  if (filter.kind) add(`${alias}.kind = ?`, filter.kind);
  return [clauses.join(' and '), params];
}

const COLUMNS = `i.id, i.kind, i.status, i.series, i.number::int as number, i.issue_date::text as "issueDate", i.due_date::text as "dueDate",
       i.paid_on::text as "paidOn", i.reverse_charge as "reverseCharge", i.vat_treatment as "vatTreatment", i.client_node_id as "clientId",
       coalesce(i.buyer_snapshot ->> 'name', '') as "clientName", i.buyer_snapshot ->> 'org_number' as "clientOrgNumber",
       c.number::int as "creditsNumber", i.vat_summary as "vatSummary", i.net_ore::float8 as "netOre",
       i.vat_ore::float8 as "vatOre", i.rounding_ore::float8 as "roundingOre", i.total_ore::float8 as "totalOre", i.paid_ore::float8 as "paidOre",
       i.credited_ore::float8 as "creditedOre", ${OUTSTANDING}::float8 as "outstandingOre", i.ocr_reference as "ocrReference",
       i.pdf_path as "pdfPath", i.pdf_sha256 as "pdfSha256"
  from public.invoices i
  left join public.invoices c on c.id = i.credits_invoice_id`;

/** Every invoice the filter selects, oldest first (the order of the bookkeeping exports). */
export async function listExportInvoices(tx: Tx, filter: ExportFilter): Promise<ExportInvoice[]> {
  const [where, params] = filterWhere(filter);
  const { rows } = await tx.query(`select ${COLUMNS} where ${where} order by i.issue_date, i.series, i.number`, params);
  return rows as ExportInvoice[];
}

export const PORTAL_PAGE_SIZE = 50;

export interface InvoicePage {
  invoices: ExportInvoice[];
  /** How many the filter selects in all, and the page shown (a page past the end shows the last). */
  total: number;
  page: number;
  pages: number;
}

/** One page of what the filter selects, newest first, for reading on screen. */
export async function pageOfExportInvoices(tx: Tx, filter: ExportFilter, requested: number, pageSize = PORTAL_PAGE_SIZE): Promise<InvoicePage> {
  const [where, params] = filterWhere(filter);
  const { rows: counted } = await tx.query<{ total: number }>(`select count(*)::int as total from public.invoices i where ${where}`, params);
  const total = counted[0].total;
  const { page, pages, offset } = pageWithin(requested, total, pageSize);
  const { rows } = await tx.query(
    `select ${COLUMNS} where ${where} order by i.issue_date desc, i.series desc, i.number desc limit ${pageSize} offset ${offset}`,
    params,
  );
  return { invoices: rows as ExportInvoice[], total, page, pages };
}
