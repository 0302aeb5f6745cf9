// The app's schemas refuse control characters before the database does, with a message per
// field, and the import makes text from documents single-line (issue 12, names and free text);
// the draft's dates are held to the database's bounds at their fields.
import { describe, expect, it } from 'vitest';
import { signUpSchema } from '@/lib/auth/schemas';
import { addLineSchema, draftDetailsSchema } from '@/lib/invoices/schemas';
import { clientDetailsSchema } from '@/lib/map/client-details-schema';
import { createNodeSchema, nodePatchSchema } from '@/lib/map/schemas';
import { profileSchema } from '@/lib/profile/schema';
import { entrySchema } from '@/lib/time/schema';
import { addDays, today } from '@/lib/time/week';
import { isMultiLine, isSingleLine, toMultiLine, toSingleLine } from '@/lib/validation/text';

const messageAt = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) =>
  result.error?.issues.find((i) => i.path.join('.') === field)?.message;

const invoiceId = '6f1c1a52-0e0b-4a43-9d55-7c7d1bb7f0a1';

describe('control characters', () => {
  it('single-line checks refuse every control, multi-line ones keep line breaks', () => {
    for (const bad of ['a\nb', 'a\rb', 'a\tb', 'a\u0000b', 'a\u0007b', 'a\u007fb', 'a\u0085b', 'a\u2028b'])
      expect(isSingleLine(bad), JSON.stringify(bad)).toBe(false);
    expect(isSingleLine('Åsa Öberg – é ü')).toBe(true);
    expect(isMultiLine('Rad ett\r\nRad två')).toBe(true);
    for (const bad of ['a\tb', 'a\u0000b', 'a\u001bb', 'a\u2029b']) expect(isMultiLine(bad), JSON.stringify(bad)).toBe(false);
    expect(toSingleLine(' Åsa Öberg\r\n\tKonsult\u0007 ')).toBe('Åsa Öberg Konsult');
    expect(toMultiLine('Rad\tett\nRad två\u0007')).toBe('Rad ett\nRad två ');
  });

  it('every form with a name or free text says so at the field', () => {
    const profile = profileSchema.safeParse({ legalName: 'Åsa\nÖberg', city: 'Väs\tterås', paymentTerms: '30' });
    expect(messageAt(profile, 'legalName')).toBe('db.textControlCharacters');
    expect(messageAt(profile, 'city')).toBe('db.textControlCharacters');
    const client = clientDetailsSchema.safeParse({ nodeId: invoiceId, name: 'Kund\nAB', addressLine1: 'Gatan\u00071' });
    expect(messageAt(client, 'name')).toBe('db.textControlCharacters');
    expect(messageAt(client, 'addressLine1')).toBe('db.textControlCharacters');
    expect(messageAt(createNodeSchema.safeParse({ kind: 'client', parentId: null, title: 'Kund\nAB', x: 0, y: 0 }), 'title')).toBe(
      'db.textControlCharacters',
    );
    expect(nodePatchSchema.safeParse({ body: 'Anteckning\nrad två' }).success).toBe(true);
    expect(messageAt(nodePatchSchema.safeParse({ body: 'Anteckning\u0007' }), 'body')).toBe('db.multilineControlCharacters');
    const line = addLineSchema.safeParse({
      invoiceId,
      description: 'Rad\nett',
      quantity: '1',
      unit: 'h\tx',
      unitPrice: '100',
      vatRate: '25',
    });
    expect(messageAt(line, 'description')).toBe('db.textControlCharacters');
    expect(messageAt(line, 'unit')).toBe('db.textControlCharacters');
    expect(
      messageAt(
        entrySchema.safeParse({ nodeId: invoiceId, entryDate: '2026-11-23', minutes: '1', description: 'Möte\nkund' }),
        'description',
      ),
    ).toBe('db.textControlCharacters');
    expect(
      messageAt(
        signUpSchema.safeParse({ businessName: 'Firma\nAB', email: 'a@example.test', password: 'ett-långt-lösenord-1' }),
        'businessName',
      ),
    ).toBe('db.textControlCharacters');
    expect(draftDetailsSchema.safeParse({ invoiceId, vatTreatment: 'domestic', message: 'Tack!\nHälsningar' }).success).toBe(true);
    expect(messageAt(draftDetailsSchema.safeParse({ invoiceId, vatTreatment: 'domestic', message: 'Tack!\u0007' }), 'message')).toBe(
      'db.multilineControlCharacters',
    );
  });
});

describe('draft dates', () => {
  it('refuse dates before 2000 and a supply date or period beyond a year from today', () => {
    const bad = draftDetailsSchema.safeParse({
      invoiceId,
      vatTreatment: 'domestic',
      issueDate: '0001-01-01',
      supplyDate: '1999-12-31',
      periodStart: '2000-01-01',
      periodEnd: addDays(today(), 400),
    });
    expect(messageAt(bad, 'issueDate')).toBe('db.dateBefore2000');
    expect(messageAt(bad, 'supplyDate')).toBe('db.supplyDateRange');
    expect(messageAt(bad, 'periodStart')).toBeUndefined();
    expect(messageAt(bad, 'periodEnd')).toBe('db.periodRange');
    expect(
      draftDetailsSchema.safeParse({
        invoiceId,
        vatTreatment: 'domestic',
        issueDate: '2015-06-01',
        dueDate: '2015-07-01',
        supplyDate: addDays(today(), 300),
      }).success,
    ).toBe(true);
  });
});
