// The forms whose text reaches an invoice PDF refuse what the invoice font cannot draw, naming
// the characters in the user's language, at the field concerned (issue 12); Nordic and European
// letters pass, and a decomposed letter is stored composed, as the PDF prints it.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { translator } from '@/lib/i18n/catalogue';
import { addDiscountSchema, addLineSchema, draftDetailsSchema } from '@/lib/invoices/schemas';
import { clientDetailsSchema } from '@/lib/map/client-details-schema';
import { profileSchema } from '@/lib/profile/schema';

const ID = '00000000-0000-4000-8000-000000000001';
/** [schema, a valid input, the fields that reach the PDF] */
const forms: [string, z.ZodType, Record<string, string>, string[]][] = [
  [
    'profile',
    profileSchema,
    { legalName: 'Anna Konsult', paymentTerms: '30' },
    ['legalName', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'phone'],
  ],
  [
    'client details',
    clientDetailsSchema,
    { nodeId: ID, name: 'Kund AB' },
    ['name', 'orgNumber', 'addressLine1', 'addressLine2', 'postalCode', 'city'],
  ],
  [
    'line',
    addLineSchema,
    { invoiceId: ID, description: 'Konsult', quantity: '1', unit: 'h', unitPrice: '100', vatRate: '25' },
    ['description', 'unit'],
  ],
  ['discount', addDiscountSchema, { invoiceId: ID, amount: '100', vatRate: '25' }, ['description']],
  ['draft details', draftDetailsSchema, { invoiceId: ID, vatTreatment: 'domestic' }, ['buyerReference', 'sellerReference', 'message']],
];

describe('text that reaches the invoice PDF', () => {
  it('every such field refuses CJK, emoji and ƀ with a message naming them', () => {
    for (const [form, schema, valid, fields] of forms) {
      expect(schema.safeParse(valid).success, form).toBe(true);
      for (const field of fields) {
        const result = schema.safeParse({ ...valid, [field]: field === 'unit' ? '会 🚀' : 'Möte 会議 🚀 ƀ' });
        expect(result.success, `${form}.${field}`).toBe(false);
        const issue = result.error!.issues.find((i) => i.path.join('.') === field);
        expect(issue?.message, `${form}.${field}`).toBe('db.invoiceFontCharacters');
        const params = (issue as { params?: Record<string, string> }).params;
        expect(translator('sv')('db.invoiceFontCharacters', params)).toContain('kan inte skriva ut');
        expect(translator('sv')('db.invoiceFontCharacters', params)).toContain(field === 'unit' ? '会 🚀' : '会 議 🚀 ƀ');
        expect(translator('en')('db.invoiceFontCharacters', params)).toContain('cannot print');
      }
    }
  });

  it('takes å ä ö é ü ß æ ø € – and stores a decomposed letter composed', () => {
    const r = clientDetailsSchema.parse({ nodeId: ID, name: 'Östergård – é ü ß æ ø €', city: 'Va\u030aster\u0061\u030as' });
    expect(r.name).toBe('Östergård – é ü ß æ ø €');
    expect(r.city).toBe('V\u00e5ster\u00e5s');
    expect(draftDetailsSchema.parse({ invoiceId: ID, vatTreatment: 'domestic', message: 'Tack!\nHälsningar, Åsa' }).message).toBe(
      'Tack!\nHälsningar, Åsa',
    );
  });
});
