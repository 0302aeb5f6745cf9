// Invoice totals: any set of lines gives line sums = VAT base per rate, VAT per rate follows the
// one rounding rule, totals add up, and a credit note of the same lines nets the original to zero.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTotals, kronaRoundingOre, lineAmountOre, percentDiscountLine, VAT_RATES, type LineInput } from '../../lib/invoices/totals';

const quantity = fc
  .integer({ min: 1, max: 100_000 })
  .map((hundredths) => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`);
export const lineArb = fc.record({
  quantity,
  unitPriceOre: fc.integer({ min: 0, max: 10_000_000 }),
  vatRate: fc.constantFrom(...VAT_RATES),
});
const negate = (l: LineInput): LineInput => ({ ...l, quantity: `-${l.quantity}` });

describe('invoice totals', () => {
  it('rounds a line half away from zero to whole öre', () => {
    expect(lineAmountOre('0.5', 1)).toBe(1); // 0.5 öre → 1
    expect(lineAmountOre('-0.5', 1)).toBe(-1);
    expect(lineAmountOre('1.33', 3333)).toBe(4433); // 4432.89
    expect(lineAmountOre('8', 95_000)).toBe(760_000);
  });

  it('rounds VAT per rate on the sum of that rate, not per line', () => {
    // Three lines of 0.02 kr at 25 %: per line 0.5 öre would round to 1 each (3 öre); on the sum 1.5 → 2.
    const t = computeTotals([1, 2, 3].map(() => ({ quantity: '1', unitPriceOre: 2, vatRate: 25 })));
    expect(t.vatSummary).toEqual([{ vatRate: 25, taxableOre: 6, vatOre: 2 }]);
  });

  it('line sums equal the VAT base per rate, VAT follows the rule, totals add up', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), (lines) => {
        const t = computeTotals(lines);
        for (const row of t.vatSummary) {
          const base = lines.reduce((s, l, i) => (l.vatRate === row.vatRate ? s + t.lineAmounts[i] : s), 0);
          expect(row.taxableOre).toBe(base);
          // Half away from zero: |vat - base*rate/100| <= 1/2 öre, ties away from zero.
          const exact = (base * row.vatRate) / 100;
          expect(Math.abs(row.vatOre - exact)).toBeLessThanOrEqual(0.5);
          if (Math.abs(row.vatOre - exact) === 0.5) expect(Math.abs(row.vatOre)).toBeGreaterThan(Math.abs(exact));
        }
        expect(t.netOre).toBe(t.lineAmounts.reduce((s, a) => s + a, 0));
        expect(t.vatOre).toBe(t.vatSummary.reduce((s, r) => s + r.vatOre, 0));
        expect(t.totalOre).toBe(t.netOre + t.vatOre);
      }),
    );
  });

  it('a credit note of the same lines nets the original to zero', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 40 }), (lines) => {
        const original = computeTotals(lines);
        const credit = computeTotals(lines.map(negate));
        expect(original.netOre + credit.netOre).toBe(0);
        expect(original.vatOre + credit.vatOre).toBe(0);
        expect(original.totalOre + credit.totalOre).toBe(0);
      }),
    );
  });

  it('rounds to whole kronor half away from zero, by at most 50 öre', () => {
    expect(kronaRoundingOre(15_431)).toBe(-31);
    expect(kronaRoundingOre(30_863)).toBe(37);
    expect(kronaRoundingOre(1_050)).toBe(50);
    expect(kronaRoundingOre(-1_050)).toBe(-50);
    expect(kronaRoundingOre(100)).toBe(0);
  });

  it('with discounts (amounts and percentages) and öresavrundning the totals always add up', () => {
    const discountArb = fc.oneof(
      fc.record({ amountOre: fc.integer({ min: 1, max: 1_000_000 }), vatRate: fc.constantFrom(...VAT_RATES) }),
      fc.record({ percent: fc.integer({ min: 1, max: 100 }), vatRate: fc.constantFrom(...VAT_RATES) }),
    );
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 20 }),
        fc.array(discountArb, { maxLength: 4 }),
        fc.boolean(),
        (items, discounts, round) => {
          const base = (rate: number) => computeTotals(items).vatSummary.find((r) => r.vatRate === rate)?.taxableOre ?? 0;
          const discountLines: LineInput[] = discounts.map((d) =>
            'percent' in d
              ? { ...percentDiscountLine(base(d.vatRate), d.percent), vatRate: d.vatRate }
              : { quantity: '-1', unitPriceOre: d.amountOre, vatRate: d.vatRate },
          );
          const lines = [...items, ...discountLines];
          const t = computeTotals(lines, { roundToKrona: round });
          // A percentage discount is that share of its rate's base, to the öre.
          discounts.forEach((d, i) => {
            if ('percent' in d)
              expect(Math.abs(t.lineAmounts[items.length + i] + (base(d.vatRate) * d.percent) / 100)).toBeLessThanOrEqual(0.5);
          });
          expect(t.netOre).toBe(t.lineAmounts.reduce((s, a) => s + a, 0));
          expect(t.vatOre).toBe(t.vatSummary.reduce((s, r) => s + r.vatOre, 0));
          expect(t.totalOre).toBe(t.netOre + t.vatOre + t.roundingOre);
          expect(Math.abs(t.roundingOre)).toBeLessThanOrEqual(50);
          if (round) expect(Math.abs(t.totalOre % 100)).toBe(0);
          else expect(t.roundingOre).toBe(0);
          // Rounding never touches VAT: it is the same as without rounding.
          expect(t.vatSummary).toEqual(computeTotals(lines).vatSummary);
        },
      ),
    );
  });
});
