// Invoice totals in integer öre, the one rounding rule shared with the database
// (private.recompute_invoice_totals): a line's amount is quantity × unit price rounded half away
// from zero to whole öre; VAT is computed per rate on the sum of that rate's line amounts and
// rounded half away from zero; discount lines are negative lines at their VAT rate; the total is
// net + VAT + öresavrundning (the difference to whole kronor when the invoice rounds, half away
// from zero). Used for the live preview; the database computes the frozen figures, and a
// property test holds the two together.

export const VAT_RATES = [25, 12, 6, 0] as const;

export interface LineInput {
  /** Decimal quantity with at most two decimals, as text ("1.5", "-8", "0.25") or a number. */
  quantity: string | number;
  unitPriceOre: number;
  vatRate: number;
}

export interface VatRow {
  vatRate: number;
  taxableOre: number;
  vatOre: number;
}

export interface Totals {
  lineAmounts: number[];
  vatSummary: VatRow[];
  netOre: number;
  vatOre: number;
  /** Öresavrundning, -50..50 öre; 0 unless the invoice rounds to whole kronor. */
  roundingOre: number;
  totalOre: number;
}

/** The figures an invoice row carries once the database has computed them. */
export type StoredTotals = Omit<Totals, 'lineAmounts'>;

/** n / d rounded half away from zero (d > 0), exact on bigints. */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** Quantity in hundredths: "1.5" → 150n; refuses more than two decimals. */
export function quantityHundredths(quantity: string | number): bigint {
  const s = typeof quantity === 'number' ? quantity.toFixed(2) : quantity.trim();
  const m = s.match(/^(-?)(\d+)(?:[.,](\d{1,2}))?$/);
  if (!m) throw new Error(`not a quantity with at most two decimals: ${quantity}`);
  const value = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -value : value;
}

/** quantity × unit price, rounded half away from zero to whole öre (invoice_lines.amount_ore). */
export function lineAmountOre(quantity: string | number, unitPriceOre: number): number {
  return Number(divRound(quantityHundredths(quantity) * BigInt(unitPriceOre), 100n));
}

/** VAT of one rate's taxable sum, rounded half away from zero. */
export function vatOre(taxableOre: number, vatRate: number): number {
  return Number(divRound(BigInt(taxableOre) * BigInt(vatRate), 100n));
}

/** What rounding an amount in öre to whole kronor adds (half away from zero). */
export function kronaRoundingOre(amountOre: number): number {
  return Number(divRound(BigInt(amountOre), 100n) * 100n) - amountOre;
}

/**
 * A percentage discount as a line: the quantity -percent/100 of the unit price "taxable amount
 * of the lines at that rate", so the invoice shows what it was taken from. percent is 1..100.
 */
export function percentDiscountLine(baseOre: number, percent: number): { quantity: string; unitPriceOre: number } {
  return { quantity: `-${(percent / 100).toFixed(2)}`, unitPriceOre: baseOre };
}

export function computeTotals(lines: readonly LineInput[], options: { roundToKrona?: boolean } = {}): Totals {
  const lineAmounts = lines.map((l) => lineAmountOre(l.quantity, l.unitPriceOre));
  const taxable = new Map<number, number>();
  lines.forEach((l, i) => taxable.set(l.vatRate, (taxable.get(l.vatRate) ?? 0) + lineAmounts[i]));
  const vatSummary = [...taxable.entries()]
    .sort(([a], [b]) => b - a)
    .map(([vatRate, taxableOre]) => ({ vatRate, taxableOre, vatOre: vatOre(taxableOre, vatRate) }));
  const netOre = vatSummary.reduce((s, r) => s + r.taxableOre, 0);
  const vat = vatSummary.reduce((s, r) => s + r.vatOre, 0);
  const roundingOre = options.roundToKrona ? kronaRoundingOre(netOre + vat) : 0;
  return { lineAmounts, vatSummary, netOre, vatOre: vat, roundingOre, totalOre: netOre + vat + roundingOre };
}
