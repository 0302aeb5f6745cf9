// The profile form's checks: the same identifier rules as the user types and on the server, with
// messages that say what is wrong, and values normalised to what the database stores.
import { describe, expect, it } from 'vitest';
import { isMessageKey } from '@/lib/i18n/catalogue';
import { identifierProblem } from '@/lib/profile/identifier-fields';
import { profileSchema } from '@/lib/profile/schema';

const valid = { legalName: 'Anna Konsult', paymentTerms: '30' };
const issues = (input: Record<string, string>) => {
  const r = profileSchema.safeParse({ ...valid, ...input });
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('identifierProblem (as the user types)', () => {
  it('says whether the number is incomplete or has a wrong check digit', () => {
    expect(identifierProblem('orgNumber', '556677-889')).toMatchObject({ key: 'validation.orgNumber.format', reason: 'format' });
    expect(identifierProblem('orgNumber', '556677-8898')).toMatchObject({ key: 'validation.orgNumber.checksum', reason: 'checksum' });
    expect(identifierProblem('orgNumber', '556677-8899')).toBeNull();
    expect(identifierProblem('bankgiro', '5050-1056')?.key).toBe('validation.bankgiro.checksum');
    expect(identifierProblem('iban', 'SE45 5000 0000 0583 9825 7467')?.key).toBe('validation.iban.checksum');
    expect(identifierProblem('vatNumber', 'SE556677889801')?.key).toBe('validation.vatNumber.checksum');
    expect(identifierProblem('vatNumber', '')).toBeNull();
  });
});

describe('profileSchema (on the server)', () => {
  it('normalises valid identifiers and amounts to the stored form', () => {
    const r = profileSchema.parse({
      ...valid,
      orgNumber: '5566778899',
      vatNumber: '556677-8899',
      bankgiro: '50501055',
      iban: 'se45 5000 0000 0583 9825 7466',
      hourlyRate: '1 250,50',
      fSkatt: 'on',
      email: ' anna@example.se ',
    });
    expect(r).toMatchObject({
      orgNumber: '556677-8899',
      vatNumber: 'SE556677889901',
      bankgiro: '5050-1055',
      iban: 'SE4550000000058398257466',
      hourlyRate: 125050,
      fSkatt: true,
      paymentTerms: 30,
      email: 'anna@example.se',
      plusgiro: null,
      onboarding: false,
    });
  });

  it('puts a catalogued message on each wrong field', () => {
    const e = issues({ legalName: ' ', orgNumber: '556677-8898', bankgiro: '12', paymentTerms: '400', hourlyRate: 'mycket', email: 'nej' });
    expect(e).toEqual({
      legalName: 'profile.errors.legalNameRequired',
      orgNumber: 'validation.orgNumber.checksum',
      bankgiro: 'validation.bankgiro.format',
      paymentTerms: 'profile.errors.paymentTerms',
      hourlyRate: 'validation.money',
      email: 'validation.email',
    });
    for (const key of Object.values(e)) expect(isMessageKey(key), key).toBe(true);
  });
});
