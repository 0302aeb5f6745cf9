// What the review page shows of an import: each payment with where it is in the file, the
// invoice it is placed on and what that invoice has left after booking; and the open invoices a
// payment can be placed on by hand.
import type { Tx } from '@/lib/db/transaction';
import { invoiceWhere, OUTSTANDING } from '@/lib/invoices/read';
import type { BankPaymentKind } from './types';

export interface ReviewRow {
  id: string;
  kind: BankPaymentKind;
  position: string;
  paidOn: string;
  amountOre: number;
  payerName: string | null;
  reference: string | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
  rule: 'ocr' | 'amount_payer' | 'manual' | null;
  booked: boolean;
  /** The invoice's outstanding as it stands (after booking, once booked). */
  invoiceOutstandingOre: number | null;
}

export interface ImportReview {
  id: string;
  fileName: string;
  format: string;
  createdAt: string;
  rows: ReviewRow[];
}

export async function loadImportReview(tx: Tx, importId: string): Promise<ImportReview | null> {
  const { rows: head } = await tx.query<{ id: string; fileName: string; format: string; createdAt: string }>(
    `select id, file_name as "fileName", format, created_at::text as "createdAt" from public.bank_imports where id = $1`,
    [importId],
  );
  if (!head[0]) return null;
  const { rows } = await tx.query<ReviewRow>(
    `select b.id, b.kind, b.position, b.paid_on::text as "paidOn", b.amount_ore::float8 as "amountOre", b.payer_name as "payerName",
            b.reference, b.matched_invoice_id as "invoiceId", i.number::text as "invoiceNumber", b.match_rule as rule,
            b.payment_id is not null as booked, ${OUTSTANDING}::float8 as "invoiceOutstandingOre"
       from public.bank_import_payments b left join public.invoices i on i.id = b.matched_invoice_id
      where b.import_id = $1
      order by b.created_at, b.id`,
    [importId],
  );
  return { ...head[0], rows };
}

export interface PlaceableInvoice {
  id: string;
  number: string;
  client: string;
  outstandingOre: number;
}

export async function listPlaceableInvoices(tx: Tx): Promise<PlaceableInvoice[]> {
  const [where, params] = invoiceWhere({ kinds: ['invoice'], drafts: false, status: 'open' });
  const { rows } = await tx.query<PlaceableInvoice>(
    `select i.id, i.number::text as number, coalesce(i.buyer_snapshot ->> 'name', '') as client, ${OUTSTANDING}::float8 as "outstandingOre"
       from public.invoices i where ${where} order by i.number limit 500`,
    params,
  );
  return rows;
}
