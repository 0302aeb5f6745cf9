// Bookkeeping vouchers from invoices, credit notes and payments, per the workspace's method.
//
// Fakturametoden: an invoice (or credit note, with negative amounts) is booked on its issue date,
// receivable against sales and output VAT per rate and the öresavrundning; a payment on its date,
// bank against receivable (a reversal the other way).
//
// Kontantmetoden with bokslutsmetoden: nothing is booked when an invoice is sent. What is
// recognised of an invoice is what has been paid, up to its total less sent credit notes; each
// payment or credit note books the change, spread over the invoice's postings in proportion (the
// whole of them once it is fully paid). At each fiscal year end an invoice not yet settled is
// booked as a receivable for the rest, after which payments settle that receivable. Whatever is
// paid beyond what remains stays on the receivable (a negative balance: the buyer's credit).
// EU sales are booked when invoiced under either method (TREATMENT_BOOKING).
import type { VatTreatment } from '@/lib/invoices/vat-treatment';
import type { DocumentKind } from '@/lib/invoices/read';
import { outputVat, TREATMENT_BOOKING, type Posting, type SieAccounts } from './accounts';
import { fiscalYearEnds } from './fiscal-year';

export interface Transaction {
  key: keyof SieAccounts;
  /** Öre; debit positive, credit negative. */
  amountOre: number;
}

export type VoucherKind = DocumentKind | 'payment' | 'reversal' | 'year_end';

export interface Voucher {
  kind: VoucherKind;
  date: string;
  /** The invoice or credit note the voucher books (for a payment: the invoice paid). */
  documentId: string;
  documentNumber: number;
  clientName: string;
  transactions: Transaction[];
}

export interface VatRow {
  vat_rate: number;
  taxable_ore: number;
  vat_ore: number;
}

export interface BookedDocument {
  vatTreatment: VatTreatment;
  vatSummary: VatRow[];
  roundingOre: number;
  totalOre: number;
  /** The part of the 0 % amount that is charges for late payment, per posting (a räntefaktura's lines). */
  charges?: Partial<Record<Posting, number>> | null;
}

/** A document's postings (credit negative); they sum to minus its total. */
export function postings(doc: BookedDocument): Map<Posting, number> {
  const out = new Map<Posting, number>();
  const book = (key: Posting, amount: number) => amount !== 0 && out.set(key, (out.get(key) ?? 0) + amount);
  // Charges are 0 % lines outside the scope of VAT: booked on their own accounts, not as sales.
  let charges = 0;
  for (const [key, amount] of Object.entries(doc.charges ?? {}) as [Posting, number][]) {
    book(key, -amount);
    charges += amount;
  }
  for (const row of doc.vatSummary) {
    const taxable = row.vat_rate === 0 ? row.taxable_ore - charges : row.taxable_ore;
    book(TREATMENT_BOOKING[doc.vatTreatment].sales(row.vat_rate), -taxable);
    if (row.vat_ore !== 0) book(outputVat(row.vat_rate), -row.vat_ore);
  }
  book('rounding', -doc.roundingOre);
  return out;
}

const add = (into: Map<Posting, number>, from: Map<Posting, number>, sign = 1) => {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + sign * v);
  return into;
};

/**
 * `recognised` of `total` spread over `parts` (which sum to -total) in proportion, in whole öre
 * by largest remainder, so the result sums to exactly -recognised and equals parts when all is.
 */
export function share(parts: Map<Posting, number>, recognised: number, total: number): Map<Posting, number> {
  if (recognised === total) return new Map(parts);
  const out = new Map<Posting, number>();
  if (recognised === 0 || total === 0) return out;
  const r = BigInt(recognised);
  const t = BigInt(total);
  const rows = [...parts].map(([key, amount]) => {
    const scaled = BigInt(amount) * r;
    let floor = scaled / t;
    if (floor * t > scaled) floor -= 1n; // floor toward -infinity (BigInt division truncates)
    return { key, floor: Number(floor), rest: Number(scaled - floor * t) };
  });
  let missing = -recognised - rows.reduce((s, x) => s + x.floor, 0);
  for (const row of [...rows].sort((a, b) => b.rest - a.rest || a.key.localeCompare(b.key))) {
    if (missing <= 0) break;
    row.floor += 1;
    missing -= 1;
  }
  for (const row of rows) if (row.floor !== 0) out.set(row.key, row.floor);
  return out;
}

function voucher(base: Omit<Voucher, 'transactions'>, amounts: [keyof SieAccounts, number][]): Voucher | null {
  const sums = new Map<keyof SieAccounts, number>();
  for (const [key, amount] of amounts) sums.set(key, (sums.get(key) ?? 0) + amount);
  const transactions = [...sums].filter(([, a]) => a !== 0).map(([key, amountOre]) => ({ key, amountOre }));
  return transactions.length ? { ...base, transactions } : null;
}

/** Fakturametoden's voucher for a sent invoice or credit note. */
export function documentVoucher(doc: BookedDocument & Omit<Voucher, 'transactions'>): Voucher | null {
  return voucher(
    { kind: doc.kind, date: doc.date, documentId: doc.documentId, documentNumber: doc.documentNumber, clientName: doc.clientName },
    [['receivable', doc.totalOre], ...postings(doc)],
  );
}

/** A payment (or reversal, negative) booked against the receivable. */
export function paymentVoucher(base: Omit<Voucher, 'transactions' | 'kind'>, amountOre: number): Voucher | null {
  return voucher({ ...base, kind: amountOre < 0 ? 'reversal' : 'payment' }, [
    ['bank', amountOre],
    ['receivable', -amountOre],
  ]);
}

/** An invoice's history, as kontantmetoden needs it to know what each event recognises. */
export interface CashHistory extends BookedDocument {
  issueDate: string;
  payments: { id: string; on: string; at: number; amount: number }[];
  credits: (BookedDocument & { id: string; on: string; at: number })[];
}

export type CashEvent = { kind: 'payment'; id: string } | { kind: 'credit_note'; id: string } | { kind: 'year_end'; on: string };

/**
 * Kontantmetoden's voucher for one event of an invoice: the invoice's history is replayed in date
 * order up to the event, and the voucher books what the event changed.
 */
export function cashVoucher(
  history: CashHistory,
  event: CashEvent,
  fiscalYearStartMonth: number,
  base: Omit<Voucher, 'transactions' | 'kind'>,
): Voucher | null {
  type Step = { on: string; at: number; apply: () => void; is: boolean };
  let parts = postings(history);
  let total = history.totalOre;
  let paid = 0;
  let booked = false;
  let recognised = 0;
  const recognise = () => (recognised = booked ? total : Math.min(Math.max(paid, 0), total));
  const steps: Step[] = [
    ...history.payments.map((p) => ({
      on: p.on,
      at: p.at,
      is: event.kind === 'payment' && event.id === p.id,
      apply: () => ((paid += p.amount), recognise()),
    })),
    ...history.credits.map((c) => ({
      on: c.on,
      at: c.at,
      is: event.kind === 'credit_note' && event.id === c.id,
      apply: () => ((parts = add(new Map(parts), postings(c))), (total += c.totalOre), recognise()),
    })),
    ...fiscalYearEnds(history.issueDate, base.date, fiscalYearStartMonth).map((on) => ({
      on,
      at: Number.POSITIVE_INFINITY,
      is: event.kind === 'year_end' && event.on === on,
      apply: () => {
        if (recognised < total) booked = true;
        recognise();
      },
    })),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.at - b.at));
  for (const step of steps) {
    const before = { parts, total, paid, recognised };
    step.apply();
    if (!step.is) continue;
    const was = share(before.parts, before.recognised, before.total);
    const now = share(parts, recognised, total);
    const moved = paid - before.paid;
    const change: [keyof SieAccounts, number][] = [...add(now, was, -1)];
    const kind: VoucherKind = event.kind === 'payment' ? (moved < 0 ? 'reversal' : 'payment') : event.kind;
    return voucher({ ...base, kind }, [['bank', moved], ...change, ['receivable', recognised - before.recognised - moved]]);
  }
  return null;
}
