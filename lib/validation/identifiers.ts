// Swedish and EU identifiers as a person types them: normalised to the form the database stores
// (and checks again with the same rules in its CHECK constraints), or the reason they are wrong.
// Used while typing in the browser and by the zod schemas on the server.

export type IdentifierCheck = { ok: true; value: string } | { ok: false; reason: 'format' | 'checksum' };

const ok = (value: string): IdentifierCheck => ({ ok: true, value });
const bad = (reason: 'format' | 'checksum'): IdentifierCheck => ({ ok: false, reason });
const compact = (input: string) => input.replace(/[\s\u00a0]/g, '');

/** Luhn (mod 10) over a digit string; the rightmost digit is the check digit. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that makes `digits + d` pass Luhn (OCR references, test data). */
export function luhnCheckDigit(digits: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${digits}${d}`)) return String(d);
  throw new Error('unreachable');
}

/** Organisationsnummer or personnummer (enskild firma): NNNNNN-NNNN; 12-digit forms lose the century. */
export function checkOrgNumber(input: string): IdentifierCheck {
  let digits = compact(input).replace(/[-+]/g, '');
  if (/^(19|20)[0-9]{10}$/.test(digits)) digits = digits.slice(2);
  if (!/^[0-9]{10}$/.test(digits)) return bad('format');
  if (!luhnValid(digits)) return bad('checksum');
  return ok(`${digits.slice(0, 6)}-${digits.slice(6)}`);
}

/** Swedish VAT number SE + 10-digit organisation number + 01; a bare org number gets SE…01 added. */
export function checkSeVatNumber(input: string): IdentifierCheck {
  const value = compact(input).toUpperCase().replace(/-/g, '');
  const digits = /^[0-9]{10}$/.test(value) ? value : value.startsWith('SE') ? value.slice(2) : null;
  if (digits === null) return bad('format');
  if (/^[0-9]{10}$/.test(digits)) return luhnValid(digits) ? ok(`SE${digits}01`) : bad('checksum');
  if (!/^[0-9]{10}01$/.test(digits)) return bad('format');
  return luhnValid(digits.slice(0, 10)) ? ok(`SE${digits}`) : bad('checksum');
}

/** Any EU VAT number: Swedish ones fully, others by shape (country prefix + 2-13 characters). */
export function checkVatNumber(input: string): IdentifierCheck {
  const value = compact(input).toUpperCase().replace(/[-.]/g, '');
  if (value.startsWith('SE') || /^[0-9]/.test(value)) return checkSeVatNumber(value);
  return /^[A-Z]{2}[0-9A-Z+*]{2,13}$/.test(value) ? ok(value) : bad('format');
}

/** Bankgiro: 7 or 8 digits, written NNN-NNNN or NNNN-NNNN. */
export function checkBankgiro(input: string): IdentifierCheck {
  const digits = compact(input).replace(/-/g, '');
  if (!/^[0-9]{7,8}$/.test(digits)) return bad('format');
  if (!luhnValid(digits)) return bad('checksum');
  return ok(`${digits.slice(0, -4)}-${digits.slice(-4)}`);
}

/** Plusgiro: 2 to 8 digits, the check digit after a hyphen. */
export function checkPlusgiro(input: string): IdentifierCheck {
  const digits = compact(input).replace(/-/g, '');
  if (!/^[0-9]{2,8}$/.test(digits)) return bad('format');
  if (!luhnValid(digits)) return bad('checksum');
  return ok(`${digits.slice(0, -1)}-${digits.slice(-1)}`);
}

/** IBAN (ISO 13616): stored without spaces, upper case, mod 97 = 1. */
export function checkIban(input: string): IdentifierCheck {
  const value = compact(input).toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(value)) return bad('format');
  const rearranged = `${value.slice(4)}${value.slice(0, 4)}`;
  let remainder = 0;
  for (const c of rearranged) {
    const n = c >= 'A' ? String(c.charCodeAt(0) - 55) : c;
    for (const d of n) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1 ? ok(value) : bad('checksum');
}

/** IBAN in groups of four for display: SE45 5000 0000 0583 9825 7466. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** BIC / SWIFT: 8 or 11 characters. */
export function checkBic(input: string): IdentifierCheck {
  const value = compact(input).toUpperCase();
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value) ? ok(value) : bad('format');
}

/** OCR reference: digits with a Luhn check digit (2-25 digits). */
export function checkOcr(input: string): IdentifierCheck {
  const digits = compact(input);
  if (!/^[0-9]{2,25}$/.test(digits)) return bad('format');
  return luhnValid(digits) ? ok(digits) : bad('checksum');
}

/** The message for a failed check, e.g. validation.orgNumber.checksum. */
export function identifierMessage(
  kind: 'orgNumber' | 'vatNumber' | 'bankgiro' | 'plusgiro' | 'iban' | 'bic' | 'ocr',
  reason: 'format' | 'checksum',
): `validation.${typeof kind}.${typeof reason}` {
  return `validation.${kind}.${reason}`;
}
