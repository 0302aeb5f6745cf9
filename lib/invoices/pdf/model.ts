// What an invoice PDF shows, as plain data: built from the frozen row of a sent invoice (so the
// same invoice always renders to the same bytes) or from a draft and the current profile (preview).
import type { Locale } from '@/lib/i18n/catalogue';
import type { Totals } from '../totals';
import type { LineKind, VatExemptionReason, VatTreatment } from '../vat-treatment';

export interface PartyDetails {
  name: string;
  orgNumber: string | null;
  vatNumber: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  email: string | null;
  phone?: string | null;
}

export interface SellerDetails extends PartyDetails {
  fSkatt: boolean;
  bankgiro: string | null;
  plusgiro: string | null;
  iban: string | null;
  bic: string | null;
  footer: string | null;
}

export interface PdfLine {
  description: string;
  quantity: string;
  unit: string;
  unitPriceOre: number;
  vatRate: number;
  amountOre: number;
  kind: LineKind;
  exemptionReason: VatExemptionReason | null;
}

/** The seller's logo as the PDF embeds it (react-pdf reads PNG and JPEG). */
export interface PdfLogo {
  data: Buffer;
  format: 'png' | 'jpg';
}

export interface PdfInvoice {
  locale: Locale;
  kind: 'invoice' | 'credit_note';
  /** Null on a draft preview. */
  number: string | null;
  issueDate: string | null;
  supplyDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  dueDate: string | null;
  ocrReference: string | null;
  vatTreatment: VatTreatment;
  buyerReference: string | null;
  sellerReference: string | null;
  message: string | null;
  seller: SellerDetails;
  buyer: PartyDetails;
  lines: PdfLine[];
  vatSummary: Totals['vatSummary'];
  netOre: number;
  vatOre: number;
  roundingOre: number;
  totalOre: number;
  /** Object name of the seller's logo (logos bucket), frozen in the seller snapshot at send. */
  logoPath: string | null;
  /** The logo's bytes, fetched outside any transaction (pdf/logo.ts); null renders without. */
  logo: PdfLogo | null;
  credits: { number: string; issueDate: string } | null;
  /** Document creation date in the metadata: sent_at, so re-rendering gives the same bytes. */
  createdAt: Date;
}

type Json = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** The PDF is in Swedish for Swedish buyers, else English (with the Swedish legal phrases). */
export function pdfLocale(buyerCountry: string | null | undefined): Locale {
  return !buyerCountry || buyerCountry === 'SE' ? 'sv' : 'en';
}

export function sellerFromRow(p: Json): SellerDetails {
  return {
    name: text(p.legal_name) ?? '',
    orgNumber: text(p.org_number),
    vatNumber: text(p.vat_number),
    addressLine1: text(p.address_line1),
    addressLine2: text(p.address_line2),
    postalCode: text(p.postal_code),
    city: text(p.city),
    country: text(p.country) ?? 'SE',
    email: text(p.email),
    phone: text(p.phone),
    fSkatt: p.f_skatt === true,
    bankgiro: text(p.bankgiro),
    plusgiro: text(p.plusgiro),
    iban: text(p.iban),
    bic: text(p.bic),
    footer: text(p.invoice_footer),
  };
}

export function buyerFromRow(c: Json | null): PartyDetails {
  return {
    name: text(c?.name) ?? '',
    orgNumber: text(c?.org_number),
    vatNumber: text(c?.vat_number),
    addressLine1: text(c?.address_line1),
    addressLine2: text(c?.address_line2),
    postalCode: text(c?.postal_code),
    city: text(c?.city),
    country: text(c?.country) ?? 'SE',
    email: text(c?.email),
  };
}
