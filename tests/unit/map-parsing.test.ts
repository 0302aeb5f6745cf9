// Parsing and validation of the map feature: node patches, client details, file limits, names.
import { describe, expect, it } from 'vitest';
import { checkUpload, fileType } from '@/lib/files/limits';
import { formatBytes } from '@/lib/i18n/format';
import { safeFileName, uniqueName } from '@/lib/files/names';
import { clientDetailsSchema } from '@/lib/map/client-details-schema';
import { createNodeSchema, nodePatchSchema } from '@/lib/map/schemas';

const NODE = '6f1c2a4e-1b2c-4d3e-8f90-123456789abc';

describe('node requests', () => {
  it('accepts any subset of the editable fields and nothing else', () => {
    expect(nodePatchSchema.parse({ title: '  Kundportal  ' })).toEqual({ title: 'Kundportal' });
    expect(nodePatchSchema.parse({ x: 12.5, y: -40, colour: '#A44A3F' })).toEqual({ x: 12.5, y: -40, colour: '#A44A3F' });
    expect(nodePatchSchema.parse({ archived: true, colour: null })).toEqual({ archived: true, colour: null });
    expect(nodePatchSchema.safeParse({}).success).toBe(false);
    expect(nodePatchSchema.safeParse({ kind: 'client' }).success).toBe(false);
    expect(nodePatchSchema.safeParse({ workspaceId: NODE }).success).toBe(false);
  });

  it('names what is wrong with a message key', () => {
    const colour = nodePatchSchema.safeParse({ colour: 'red' });
    expect(colour.success ? null : colour.error.issues[0].message).toBe('db.colourInvalid');
    const title = nodePatchSchema.safeParse({ title: 'x'.repeat(301) });
    expect(title.success ? null : title.error.issues[0].message).toBe('db.titleTooLong');
    const far = nodePatchSchema.safeParse({ x: Number.POSITIVE_INFINITY });
    expect(far.success).toBe(false);
  });

  it('creates known kinds under a uuid parent or at the root', () => {
    expect(createNodeSchema.parse({ kind: 'client', parentId: null, title: '', x: 0, y: 0 }).kind).toBe('client');
    expect(createNodeSchema.safeParse({ kind: 'folder', parentId: null, title: '', x: 0, y: 0 }).success).toBe(false);
    expect(createNodeSchema.safeParse({ kind: 'task', parentId: 'not-an-id', title: '', x: 0, y: 0 }).success).toBe(false);
  });
});

describe('client details form', () => {
  const base = { nodeId: NODE, name: 'Nordljus Energi AB', country: 'se' };
  const errors = (input: Record<string, string>) => {
    const parsed = clientDetailsSchema.safeParse({ ...base, ...input });
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('normalises identifiers, money and empties as the database stores them', () => {
    const parsed = clientDetailsSchema.parse({
      ...base,
      orgNumber: '5569991010',
      vatNumber: 'se 556999101001',
      email: ' faktura@nordljus.test ',
      reverseCharge: 'on',
      paymentTerms: '30',
      hourlyRate: '1 050,50',
      addressLine2: '  ',
    });
    expect(parsed).toMatchObject({
      country: 'SE',
      orgNumber: '556999-1010',
      vatNumber: 'SE556999101001',
      email: 'faktura@nordljus.test',
      reverseCharge: true,
      paymentTerms: 30,
      hourlyRate: 105050,
      addressLine2: null,
    });
  });

  it('puts each error on its field in catalogue keys', () => {
    expect(errors({ orgNumber: '556999-1011' })).toEqual({ orgNumber: 'validation.orgNumber.checksum' });
    expect(errors({ vatNumber: 'SE55699910' })).toEqual({ vatNumber: 'validation.vatNumber.format' });
    expect(errors({ reverseCharge: 'on' })).toEqual({ vatNumber: 'db.reverseChargeNeedsVatNumber' });
    expect(errors({ paymentTerms: '400' })).toEqual({ paymentTerms: 'db.paymentTermsRange' });
    expect(errors({ hourlyRate: 'tusen' })).toEqual({ hourlyRate: 'validation.money' });
    expect(errors({ hourlyRate: '-5' })).toEqual({ hourlyRate: 'db.hourlyRateNegative' });
    expect(errors({ email: 'inte-en-adress' })).toEqual({ email: 'validation.email' });
    expect(errors({ country: 'Sverige' })).toEqual({ country: 'db.countryInvalid' });
    expect(errors({ name: '  ' })).toEqual({ name: 'db.clientNameLength' });
  });

  it('leaves foreign organisation numbers as written', () => {
    expect(clientDetailsSchema.parse({ ...base, country: 'DE', orgNumber: 'HRB 12345' }).orgNumber).toBe('HRB 12345');
  });

  it("a Swedish client's postcode is NNN NN, as the business profile's; a foreign one is free text", () => {
    expect(errors({ postalCode: 'ABCDE' })).toEqual({ postalCode: 'profile.errors.postalCode' });
    expect(clientDetailsSchema.parse({ ...base, postalCode: '11122' }).postalCode).toBe('111 22');
    expect(clientDetailsSchema.parse({ ...base, country: 'DE', postalCode: '18055' }).postalCode).toBe('18055');
  });
});

describe('file limits and names', () => {
  const limits = { maxBytes: 25 * 1024 * 1024, allowedTypes: ['application/pdf', 'text/markdown', 'image/png'] };

  it('explains a file over the size limit in megabytes', () => {
    expect(checkUpload({ name: 'stor.pdf', size: 31 * 1024 * 1024, type: 'application/pdf' }, limits, 'sv')).toEqual({
      key: 'map.files.tooLarge',
      params: { name: 'stor.pdf', size: '31 MB', limit: '25 MB' },
      status: 413,
    });
    expect(formatBytes(1.5 * 1024 * 1024, 'sv')).toBe('1,5 MB');
  });

  it('explains a refused type with the allowed ones named as people know them', () => {
    expect(checkUpload({ name: 'virus.exe', size: 10, type: 'application/x-msdownload' }, limits, 'sv')).toEqual({
      key: 'map.files.typeRefused',
      params: { name: 'virus.exe', allowed: 'PDF, Markdown, PNG' },
      status: 415,
    });
    expect(checkUpload({ name: 'ok.pdf', size: 10, type: 'application/pdf' }, limits, 'sv')).toBeNull();
  });

  it('guesses the type from the extension when the browser gives none', () => {
    expect(fileType('anteckning.md', '')).toBe('text/markdown');
    expect(fileType('rapport.PDF', 'application/octet-stream')).toBe('application/pdf');
    expect(fileType('bild.png', 'image/png')).toBe('image/png');
  });

  it('makes storage-safe, unique names', () => {
    expect(safeFileName('Möte på Åland: protokoll?.pdf')).toBe('Mote pa Aland- protokoll-.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('...')).toBe('fil');
    expect(uniqueName('a.pdf', new Set(['a.pdf', 'a (2).pdf']))).toBe('a (3).pdf');
  });
});
