// The draft forms' checks for VAT treatment, references, rounding, exemption reasons and
// discounts: each refusal lands at its field with a catalogued message, and what passes is what
// the database stores.
import { describe, expect, it } from 'vitest';
import { isMessageKey } from '@/lib/i18n/catalogue';
import { addDiscountSchema, addLineSchema, draftDetailsSchema, lineExemptionSchema } from '@/lib/invoices/schemas';

const id = '7b0c2d4e-1f3a-4b5c-8d9e-0a1b2c3d4e5f';
const issues = (
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  input: unknown,
) => {
  const r = schema.safeParse(input);
  const found = r.success ? {} : Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
  for (const key of Object.values(found)) expect(isMessageKey(key), key).toBe(true);
  return found;
};

describe('draft details', () => {
  it('takes a VAT treatment from the list, references up to 100 characters and the rounding choice', () => {
    const parsed = draftDetailsSchema.parse({
      invoiceId: id,
      vatTreatment: 'outside_eu',
      buyerReference: ' Anna ',
      sellerReference: '',
      roundToKrona: 'on',
    });
    expect(parsed).toMatchObject({ vatTreatment: 'outside_eu', buyerReference: 'Anna', sellerReference: null, roundToKrona: true });
    expect(issues(draftDetailsSchema, { invoiceId: id, vatTreatment: 'reverse' })).toEqual({ vatTreatment: 'db.vatTreatmentInvalid' });
    expect(issues(draftDetailsSchema, { invoiceId: id, vatTreatment: 'domestic', buyerReference: 'x'.repeat(101) })).toEqual({
      buyerReference: 'invoices.vat.referenceTooLong',
    });
  });
});

describe('lines and exemption reasons', () => {
  const line = { invoiceId: id, description: 'Kurs', quantity: '1', unit: 'st', unitPrice: '500', vatRate: '0' };
  it('an exemption reason is one of the list, or none', () => {
    expect(addLineSchema.parse({ ...line, vatExemptionReason: 'education' }).vatExemptionReason).toBe('education');
    expect(addLineSchema.parse({ ...line, vatExemptionReason: '' }).vatExemptionReason).toBeNull();
    expect(issues(addLineSchema, { ...line, vatExemptionReason: 'because' })).toEqual({ vatExemptionReason: 'db.exemptionReasonInvalid' });
    expect(lineExemptionSchema.parse({ invoiceId: id, lineId: id, vatExemptionReason: 'healthcare' }).vatExemptionReason).toBe(
      'healthcare',
    );
  });
});

describe('discounts', () => {
  const base = { invoiceId: id, vatRate: '25' };
  it('an amount in kronor or a whole percentage 1-100, not both and not neither', () => {
    const byAmount = addDiscountSchema.parse({ ...base, amount: '500,50' });
    expect([byAmount.amount, byAmount.percent, byAmount.description, byAmount.vatRate]).toEqual([50_050, undefined, null, 25]);
    const byPercent = addDiscountSchema.parse({ ...base, percent: '10', description: 'Stamkundsrabatt' });
    expect([byPercent.amount, byPercent.percent, byPercent.description]).toEqual([undefined, 10, 'Stamkundsrabatt']);
    expect(issues(addDiscountSchema, base)).toEqual({ amount: 'invoices.vat.discountEitherOr' });
    expect(issues(addDiscountSchema, { ...base, amount: '100', percent: '10' })).toEqual({ amount: 'invoices.vat.discountEitherOr' });
    for (const percent of ['0', '101', '12,5', 'tio'])
      expect(issues(addDiscountSchema, { ...base, percent })).toEqual({ percent: 'invoices.vat.discountEitherOr' });
    expect(issues(addDiscountSchema, { ...base, amount: '-5' })).toEqual({ amount: 'invoices.errors.unitPrice' });
    expect(issues(addDiscountSchema, { ...base, amount: '5', vatRate: '7' })).toEqual({ vatRate: 'invoices.errors.vatRate' });
  });
});
