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

describe('postcode and phone (issue 17, item 7)', () => {
  it('refuses a postcode that is not Swedish NNN NN and a phone number without digits, with messages in both languages', async () => {
    expect(issues({ postalCode: 'ABCDE', phone: 'abc' })).toEqual({
      postalCode: 'profile.errors.postalCode',
      phone: 'profile.errors.phone',
    });
    expect(issues({ postalCode: '1234' })).toEqual({ postalCode: 'profile.errors.postalCode' });
    expect(issues({ postalCode: '01234' })).toEqual({ postalCode: 'profile.errors.postalCode' });
    expect(issues({ phone: '12' })).toEqual({ phone: 'profile.errors.phone' });
    const { translator } = await import('@/lib/i18n/catalogue');
    expect(translator('sv')('profile.errors.postalCode')).toContain('111 22');
    expect(translator('en')('profile.errors.phone')).toContain('phone number');
  });

  it('keeps what people write: "11122" is stored as "111 22", phone numbers as typed', () => {
    const r = profileSchema.parse({ ...valid, postalCode: '11122', phone: ' +46 70-123 45 67 ' });
    expect(r).toMatchObject({ postalCode: '111 22', phone: '+46 70-123 45 67' });
    expect(profileSchema.parse({ ...valid, postalCode: 'SE-111 22', phone: '08-12 34 56' })).toMatchObject({
      postalCode: '111 22',
      phone: '08-12 34 56',
    });
    expect(profileSchema.parse({ ...valid, postalCode: '', phone: '' })).toMatchObject({ postalCode: null, phone: null });
  });
});

describe('onboarding asks for what the first invoice needs (issue 17, item 7)', () => {
  const ready = {
    onboarding: '1',
    orgNumber: '556677-8899',
    vatNumber: 'SE556677889901',
    fSkatt: 'on',
    addressLine1: 'Storgatan 1',
    postalCode: '111 22',
    city: 'Stockholm',
    bankgiro: '5050-1055',
  };

  it('refuses to finish without org number, VAT number, address, payment details or an answer about F-skatt', () => {
    expect(issues({ onboarding: '1' })).toEqual({
      orgNumber: 'profile.errors.neededForInvoice',
      vatNumber: 'profile.errors.neededForInvoice',
      fSkatt: 'profile.errors.fSkattChoose',
      addressLine1: 'profile.errors.neededForInvoice',
      postalCode: 'profile.errors.neededForInvoice',
      city: 'profile.errors.neededForInvoice',
      bankgiro: 'profile.errors.paymentNeeded',
    });
    // Not approved for F-skatt is an answer too.
    expect(issues({ ...ready, fSkatt: 'off' })).toEqual({});
    expect(profileSchema.parse({ ...valid, ...ready, fSkatt: 'off' }).fSkatt).toBe(false);
    expect(issues(ready)).toEqual({});
  });

  it('names everything still missing at once, also when another field is wrong (a wrong field keeps its own message)', () => {
    const { fSkatt: _unanswered, ...noAnswer } = ready;
    expect(issues({ ...noAnswer, postalCode: '1234', phone: 'ring mig', orgNumber: '', bankgiro: '', plusgiro: '12' })).toEqual({
      postalCode: 'profile.errors.postalCode',
      phone: 'profile.errors.phone',
      orgNumber: 'profile.errors.neededForInvoice',
      fSkatt: 'profile.errors.fSkattChoose',
      plusgiro: expect.any(String),
    });
  });

  it('the profile page itself still saves a partial profile', () => {
    expect(issues({ city: 'Stockholm' })).toEqual({});
  });
});
