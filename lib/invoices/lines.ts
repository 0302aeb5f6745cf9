// Writing a draft's lines: adding one at the end and editing one in place. The database refuses
// both on a sent invoice (invoice_lines_guard) and refuses typing over the quantity or price of a
// line that bills hours (invoice_lines_follow_hours: it follows its hours); the totals follow the
// lines there too (recompute_invoice_totals). Here: the exemption a domestic 0 % line must name.
import { ActionError } from '@/lib/actions/action';
import type { Tx } from '@/lib/db/transaction';
import type { LineKind, VatExemptionReason, VatTreatment } from './vat-treatment';

export interface NewLine {
  description: string;
  quantity: string;
  unit: string;
  unitPriceOre: number;
  vatRate: number;
  kind: LineKind;
  exemptionReason: VatExemptionReason | null;
}

async function treatmentOf(tx: Tx, invoiceId: string): Promise<VatTreatment> {
  const { rows } = await tx.query<{ vat_treatment: VatTreatment }>(`select vat_treatment from public.invoices where id = $1`, [invoiceId]);
  if (!rows[0]) throw new ActionError('db.invoiceNotFound');
  return rows[0].vat_treatment;
}

/** The exemption reason a line keeps: on a domestic 0 % line it is required (asked for at the field), elsewhere none. */
function exemptionFor(treatment: VatTreatment, vatRate: number, reason: VatExemptionReason | null): VatExemptionReason | null {
  if (treatment !== 'domestic' || vatRate !== 0) return null;
  if (!reason) throw new ActionError('invoices.vat.exemptionRequired', 'vatExemptionReason');
  return reason;
}

/** Adds a line at the end of the draft. */
export async function insertLine(tx: Tx, workspaceId: string, invoiceId: string, line: NewLine): Promise<void> {
  const exemptionReason = exemptionFor(await treatmentOf(tx, invoiceId), line.vatRate, line.exemptionReason);
  await tx.query(
    `insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate, line_kind, vat_exemption_reason)
     select $1, i.id, coalesce((select max(position) from public.invoice_lines where invoice_id = i.id), 0) + 1, $3, $4, $5, $6, $7, $8, $9
       from public.invoices i where i.id = $2`,
    [workspaceId, invoiceId, line.description, line.quantity, line.unit, line.unitPriceOre, line.vatRate, line.kind, exemptionReason],
  );
}

export interface LineEdit {
  invoiceId: string;
  lineId: string;
  description: string;
  /** Left out (null) for a line that bills hours: its quantity and price follow them. */
  quantity: string | null;
  unit: string | null;
  unitPriceOre: number | null;
  vatRate: number;
  exemptionReason: VatExemptionReason | null;
}

/** Edits a draft's line in place; the invoice's totals follow in the database. */
export async function updateLine(tx: Tx, edit: LineEdit): Promise<void> {
  const exemptionReason = exemptionFor(await treatmentOf(tx, edit.invoiceId), edit.vatRate, edit.exemptionReason);
  const { rowCount } = await tx.query(
    `update public.invoice_lines
        set description = $3, quantity = coalesce($4::numeric, quantity), unit = coalesce($5, unit),
            unit_price_ore = coalesce($6::bigint, unit_price_ore), vat_rate = $7, vat_exemption_reason = $8
      where id = $1 and invoice_id = $2`,
    [edit.lineId, edit.invoiceId, edit.description, edit.quantity, edit.unit, edit.unitPriceOre, edit.vatRate, exemptionReason],
  );
  if (!rowCount) throw new ActionError('invoices.errors.lineNotFound');
}
