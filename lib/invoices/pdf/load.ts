// Loads what the PDF of one invoice shows. A sent invoice renders only from its frozen row
// (snapshots, lines, number, sent_at, and the number and date of the invoice a credit note
// credits, itself frozen), so the archived bytes can be re-created exactly. A draft renders from
// the current profile and client details, with the dates sending would give it.
import type { Tx } from '@/lib/db/transaction';
import { addDays } from '@/lib/time/week';
import { computeTotals, type StoredTotals } from '../totals';
import type { LineKind, VatExemptionReason, VatTreatment } from '../vat-treatment';
import { buyerFromRow, pdfLocale, sellerFromRow, type PdfInvoice } from './model';

interface Row {
  kind: 'invoice' | 'credit_note';
  status: string;
  number: string | null;
  issue_date: string | null;
  supply_date: string | null;
  period_start: string | null;
  period_end: string | null;
  due_date: string | null;
  ocr_reference: string | null;
  vat_treatment: VatTreatment;
  buyer_reference: string | null;
  seller_reference: string | null;
  round_to_krona: boolean;
  message: string | null;
  seller_snapshot: Record<string, unknown> | null;
  buyer_snapshot: Record<string, unknown> | null;
  vat_summary: { vat_rate: number; taxable_ore: number; vat_ore: number }[];
  net_ore: string;
  vat_ore: string;
  rounding_ore: string;
  total_ore: string;
  sent_at: Date | null;
  credits_number: string | null;
  credits_issue_date: string | null;
  lines: {
    description: string;
    quantity: string;
    unit: string;
    unit_price_ore: number;
    vat_rate: number;
    amount_ore: number;
    line_kind: LineKind;
    vat_exemption_reason: VatExemptionReason | null;
  }[];
  profile: Record<string, unknown> | null;
  client: Record<string, unknown> | null;
  today: string;
  planned_terms: number | null;
}

/** The totals the database computed and froze (a sent invoice's, any credit note's). */
function storedTotals(r: Row): StoredTotals {
  return {
    vatSummary: r.vat_summary.map((v) => ({ vatRate: v.vat_rate, taxableOre: Number(v.taxable_ore), vatOre: Number(v.vat_ore) })),
    netOre: Number(r.net_ore),
    vatOre: Number(r.vat_ore),
    roundingOre: Number(r.rounding_ore),
    totalOre: Number(r.total_ore),
  };
}

const logoPathOf = (seller: Record<string, unknown> | null) =>
  typeof seller?.logo_path === 'string' && seller.logo_path ? seller.logo_path : null;

/** The invoice's PDF data (its logo not yet fetched: pdf/logo.ts), or null when the user cannot see it. */
export async function loadPdfInvoice(tx: Tx, invoiceId: string): Promise<PdfInvoice | null> {
  const { rows } = await tx.query<Row>(
    `select i.kind, i.status, i.number::text, i.issue_date::text, i.supply_date::text, i.period_start::text,
            i.period_end::text, i.due_date::text, i.ocr_reference, i.vat_treatment, i.buyer_reference, i.seller_reference,
            i.round_to_krona, i.message, i.seller_snapshot, i.buyer_snapshot, i.vat_summary, i.net_ore, i.vat_ore,
            i.rounding_ore, i.total_ore, i.sent_at,
            o.number::text as credits_number, o.issue_date::text as credits_issue_date,
            coalesce((select jsonb_agg(jsonb_build_object('description', l.description, 'quantity', l.quantity::text,
                       'unit', l.unit, 'unit_price_ore', l.unit_price_ore, 'vat_rate', l.vat_rate, 'amount_ore', l.amount_ore,
                       'line_kind', l.line_kind, 'vat_exemption_reason', l.vat_exemption_reason)
                       order by l.position, l.created_at, l.id)
                       from public.invoice_lines l where l.invoice_id = i.id), '[]') as lines,
            case when i.status = 'draft' then (select to_jsonb(p) from public.business_profiles p where p.workspace_id = i.workspace_id) end as profile,
            case when i.status = 'draft' then (select to_jsonb(c) from public.client_details c where c.node_id = i.client_node_id) end as client,
            private.stockholm_today()::text as today, i.due_date - i.issue_date as planned_terms
       from public.invoices i
       left join public.invoices o on o.id = i.credits_invoice_id
      where i.id = $1`,
    [invoiceId],
  );
  const r = rows[0];
  if (!r) return null;
  const credits = r.credits_number && r.credits_issue_date ? { number: r.credits_number, issueDate: r.credits_issue_date } : null;
  const lines = r.lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unit: l.unit,
    unitPriceOre: Number(l.unit_price_ore),
    vatRate: l.vat_rate,
    amountOre: Number(l.amount_ore),
    kind: l.line_kind,
    exemptionReason: l.vat_exemption_reason,
  }));
  const shared = {
    kind: r.kind,
    supplyDate: r.supply_date,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    vatTreatment: r.vat_treatment,
    buyerReference: r.buyer_reference,
    sellerReference: r.seller_reference,
    message: r.message,
    lines,
    credits,
    logo: null,
  };

  if (r.status !== 'draft') {
    const buyer = buyerFromRow(r.buyer_snapshot);
    return {
      ...shared,
      locale: pdfLocale(buyer.country),
      number: r.number,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      ocrReference: r.ocr_reference,
      seller: sellerFromRow(r.seller_snapshot ?? {}),
      buyer,
      ...storedTotals(r),
      logoPath: logoPathOf(r.seller_snapshot),
      createdAt: r.sent_at ?? new Date(0),
    };
  }

  const buyer = buyerFromRow(r.client);
  // A credit note's totals round together with the credit notes sent before it (the database's
  // recompute_invoice_totals), so its preview shows the stored figures; an invoice's follow its lines.
  const totals = r.kind === 'credit_note' ? storedTotals(r) : computeTotals(lines, { roundToKrona: r.round_to_krona });
  // As send_invoice() will date it: today, due after the planned days, else after the terms.
  const issue = r.today;
  const terms = r.planned_terms ?? Number(r.client?.payment_terms_days ?? r.profile?.default_payment_terms_days ?? 30);
  return {
    ...shared,
    locale: pdfLocale(buyer.country),
    number: null,
    issueDate: issue,
    supplyDate: r.supply_date,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueDate: r.issue_date === null && r.due_date ? r.due_date : addDays(issue, terms),
    ocrReference: null,
    seller: sellerFromRow(r.profile ?? {}),
    buyer,
    vatSummary: totals.vatSummary,
    netOre: totals.netOre,
    vatOre: totals.vatOre,
    roundingOre: totals.roundingOre,
    totalOre: totals.totalOre,
    logoPath: logoPathOf(r.profile),
    createdAt: new Date(`${r.today}T00:00:00Z`),
  };
}
