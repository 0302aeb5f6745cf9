// The invoices and credit notes an export or the portal lists: whatever has left draft that RLS
// shows the user in the active workspace (owner: all; accountant: the same, read-only).
import { pageWithin } from '@/lib/db/paging';
import type { Tx } from '@/lib/db/transaction';
import { EXPORT_KINDS, invoiceWhere, OUTSTANDING, type DocumentKind } from '@/lib/invoices/read';
import type { VatTreatment } from '@/lib/invoices/vat-treatment';
import type { ExportFilter } from './filter';

export interface VatRow {
  vat_rate: number;
  taxable_ore: number;
  vat_ore: number;
}

export interface ExportInvoice {
  id: string;
  kind: DocumentKind;
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
  clientVatNumber: string | null;
  clientCountry: string | null;
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

/** The exports' reader: sent bookkeeping of the kinds the exports carry (one, when the filter names it). */
export function exportWhere(filter: ExportFilter): [string, unknown[]] {
  return invoiceWhere({
    kinds: filter.kind ? [filter.kind] : EXPORT_KINDS,
    drafts: false,
    status: filter.status,
    clientId: filter.client,
    from: filter.from,
    to: filter.to,
  });
}

const COLUMNS = `i.id, i.kind, i.status, i.series, i.number::int as number, i.issue_date::text as "issueDate", i.due_date::text as "dueDate",
       i.paid_on::text as "paidOn", i.reverse_charge as "reverseCharge", i.vat_treatment as "vatTreatment", i.client_node_id as "clientId",
       coalesce(i.buyer_snapshot ->> 'name', '') as "clientName", i.buyer_snapshot ->> 'org_number' as "clientOrgNumber",
       i.buyer_snapshot ->> 'vat_number' as "clientVatNumber", i.buyer_snapshot ->> 'country' as "clientCountry",
       c.number::int as "creditsNumber", i.vat_summary as "vatSummary", i.net_ore::float8 as "netOre",
       i.vat_ore::float8 as "vatOre", i.rounding_ore::float8 as "roundingOre", i.total_ore::float8 as "totalOre", i.paid_ore::float8 as "paidOre",
       i.credited_ore::float8 as "creditedOre", ${OUTSTANDING}::float8 as "outstandingOre", i.ocr_reference as "ocrReference",
       i.pdf_path as "pdfPath", i.pdf_sha256 as "pdfSha256"
  from public.invoices i
  left join public.invoices c on c.id = i.credits_invoice_id`;

/** Every invoice the filter selects, oldest first (the order of the bookkeeping exports). */
export async function listExportInvoices(tx: Tx, filter: ExportFilter): Promise<ExportInvoice[]> {
  const [where, params] = exportWhere(filter);
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
export async function pageOfExportInvoices(
  tx: Tx,
  filter: ExportFilter,
  requested: number,
  pageSize = PORTAL_PAGE_SIZE,
): Promise<InvoicePage> {
  const [where, params] = exportWhere(filter);
  const { rows: counted } = await tx.query<{ total: number }>(
    `select count(*)::int as total from public.invoices i where ${where}`,
    params,
  );
  const total = counted[0].total;
  const { page, pages, offset } = pageWithin(requested, total, pageSize);
  const { rows } = await tx.query(
    `select ${COLUMNS} where ${where} order by i.issue_date desc, i.series desc, i.number desc limit ${pageSize} offset ${offset}`,
    params,
  );
  return { invoices: rows as ExportInvoice[], total, page, pages };
}
