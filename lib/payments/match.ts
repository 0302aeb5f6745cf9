// Which open invoice a bank payment pays: by OCR reference first (any of the payment's
// references, Luhn-valid, leading zeros ignored), then by amount and payer (exactly what is
// left to pay, the payer's name the client's, one candidate only). A proposal, reviewed before
// booking; what fits no rule is left for the owner to place by hand. The matcher keeps what it
// has placed, so two payments are not both proposed for the last krona of one invoice by amount.
import type { BankPayment } from './types';

export interface OpenInvoice {
  id: string;
  ocrReference: string | null;
  outstandingOre: number;
  clientName: string;
  issueDate: string;
}

export type MatchRule = 'ocr' | 'amount_payer';
export interface Match {
  invoiceId: string;
  rule: MatchRule;
}

const digitsOnly = (r: string) => r.replace(/[\s-]/g, '').replace(/^0+/, '');
/** Lowercase letters and digits only, without the company-form words, so "PROVKUND AB" is "Provkund Aktiebolag". */
export const nameKey = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\b(ab|aktiebolag|hb|kb|handelsbolag|kommanditbolag|ef|enskild firma|publ)\b/g, '')
    .replace(/[^a-z0-9]/g, '');

export class Matcher {
  private readonly byOcr = new Map<string, OpenInvoice>();
  private readonly byAmount = new Map<number, OpenInvoice[]>();
  private readonly remaining = new Map<string, number>();

  constructor(invoices: Iterable<OpenInvoice>) {
    for (const inv of invoices) {
      if (inv.ocrReference) this.byOcr.set(digitsOnly(inv.ocrReference), inv);
      this.remaining.set(inv.id, inv.outstandingOre);
      const same = this.byAmount.get(inv.outstandingOre) ?? [];
      same.push(inv);
      this.byAmount.set(inv.outstandingOre, same);
    }
  }

  match(p: BankPayment): Match | null {
    if (p.kind !== 'payment') return null;
    for (const ref of p.references) {
      const inv = this.byOcr.get(digitsOnly(ref));
      if (inv && inv.issueDate <= p.paidOn) return this.take(inv, p, 'ocr');
    }
    if (!p.payerName) return null;
    const payer = nameKey(p.payerName);
    const candidates = (this.byAmount.get(p.amountOre) ?? []).filter(
      (inv) => this.remaining.get(inv.id) === p.amountOre && inv.issueDate <= p.paidOn && payer !== '' && nameKey(inv.clientName) === payer,
    );
    return candidates.length === 1 ? this.take(candidates[0], p, 'amount_payer') : null;
  }

  private take(inv: OpenInvoice, p: BankPayment, rule: MatchRule): Match {
    this.remaining.set(inv.id, (this.remaining.get(inv.id) ?? 0) - p.amountOre);
    return { invoiceId: inv.id, rule };
  }
}
