// Client details found in running text: "Org.nr: 556677-8899" lines, and organisation and VAT
// numbers anywhere, recognised by pattern and kept only when the check digit is right.
import type { Details } from '../schemas';
import { checkOrgNumber, checkSeVatNumber } from '@/lib/validation/identifiers';
import { fieldOf, isDetailField, type DetailField } from './columns';

const LABELLED = /^([\p{L}][\p{L} .-]{1,40}?)\s*[:：]\s*(.+)$/u;
const ADDRESS = /^(.*?),\s*(\d{3}\s?\d{2})\s+(.+)$/;
const ORG = /\b(\d{6}[-\s]?\d{4})\b/g;
const VAT = /\bSE\s?(\d{10})\s?01\b/gi;
const EMAIL = /[^@\s<>()]+@[^@\s<>()]+\.[a-z]{2,}/i;

/** Sets a detail, splitting "Storgatan 1, 111 22 Stockholm" into its parts. */
export function setDetail(details: Details, field: DetailField, value: string) {
  const v = value.trim();
  if (!v || details[field]) return;
  if (field === 'addressLine1') {
    const parts = ADDRESS.exec(v);
    if (parts) {
      details.addressLine1 = parts[1].trim();
      details.postalCode ??= parts[2];
      details.city ??= parts[3].trim();
      return;
    }
  }
  details[field] = v;
}

/** A "Label: value" line about the client: fills the details and returns true. */
export function detailLine(text: string, details: Details): boolean {
  const match = LABELLED.exec(text);
  const field = match ? fieldOf(match[1]) : undefined;
  if (!match || !isDetailField(field)) return false;
  setDetail(details, field, match[2]);
  return true;
}

/** Identifiers and an e-mail address anywhere in the text, when valid. */
export function scanIdentifiers(text: string, details: Details) {
  for (const [, digits] of text.matchAll(VAT)) {
    const vat = checkSeVatNumber(`SE${digits}01`);
    if (vat.ok && !details.vatNumber) details.vatNumber = vat.value;
  }
  for (const [, candidate] of text.matchAll(ORG)) {
    const org = checkOrgNumber(candidate);
    if (org.ok && !details.orgNumber) details.orgNumber = org.value;
  }
  const email = EMAIL.exec(text);
  if (email && !details.email) details.email = email[0];
}
