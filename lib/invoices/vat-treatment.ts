// The VAT treatments an invoice can follow and the exemption reasons a domestic 0 % line can
// give, as the database stores them (migration 20261201120100_invoice_vat_treatment.sql); the
// texts, with their references in ML 2023:200, are in the invoices catalogue under invoices.vat.
export const VAT_TREATMENTS = ['domestic', 'eu_reverse_charge', 'outside_eu'] as const;
export type VatTreatment = (typeof VAT_TREATMENTS)[number];

export const VAT_EXEMPTION_REASONS = [
  'healthcare',
  'social_care',
  'education',
  'financial_services',
  'real_estate_letting',
  'small_business',
] as const;
export type VatExemptionReason = (typeof VAT_EXEMPTION_REASONS)[number];

export const LINE_KINDS = ['item', 'discount'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const isVatTreatment = (v: unknown): v is VatTreatment => (VAT_TREATMENTS as readonly unknown[]).includes(v);
export const isVatExemptionReason = (v: unknown): v is VatExemptionReason => (VAT_EXEMPTION_REASONS as readonly unknown[]).includes(v);

/** The exemption reasons an invoice prints: those of its 0 % lines, once each, on a domestic invoice only. */
export function printedExemptions(
  treatment: VatTreatment,
  lines: readonly { vatRate: number; exemptionReason: VatExemptionReason | null }[],
): VatExemptionReason[] {
  if (treatment !== 'domestic') return [];
  return [...new Set(lines.filter((l) => l.vatRate === 0 && l.exemptionReason).map((l) => l.exemptionReason as VatExemptionReason))];
}
