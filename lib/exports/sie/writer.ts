// SIE 4I (the Swedish bookkeeping interchange format, type 4 import file) for a period's invoices:
// header records, #KONTO for every account used, then one #VER per invoice with its #TRANS rows.
// Written as text and encoded in CP437 (#FORMAT PC8), as the specification requires.
import iconv from 'iconv-lite';
import { oreDecimal } from '@/lib/validation/quantities';
import { ACCOUNT_KEYS, ACCOUNT_NAMES, type SieAccounts } from './accounts';
import type { Voucher } from './vouchers';

export interface SieDocument {
  program: { name: string; version: string };
  generated: Date;
  orgNumber: string | null;
  companyName: string;
  accounts: SieAccounts;
  vouchers: Iterable<Voucher>;
}

/** A field in quotes; quote characters inside are escaped, control characters dropped. */
export function quote(text: string): string {
  return `"${text
    .replace(/[\x00-\x1f\x7f]/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')}"`;
}

/** Öre as kronor with a decimal point: 123450 -> "1234.50", -5 -> "-0.05". */
export const sieAmount = (ore: number) => oreDecimal(ore, '.');

const sieDate = (isoDate: string) => isoDate.slice(0, 10).replace(/-/g, '');

function* sieLines(doc: SieDocument): Generator<string> {
  yield '#FLAGGA 0';
  yield `#PROGRAM ${quote(doc.program.name)} ${quote(doc.program.version)}`;
  yield '#FORMAT PC8';
  yield `#GEN ${sieDate(doc.generated.toISOString())}`;
  yield '#SIETYP 4';
  if (doc.orgNumber) yield `#ORGNR ${doc.orgNumber}`;
  yield `#FNAMN ${quote(doc.companyName)}`;
  yield '#VALUTA SEK';
  const seen = new Set<number>();
  for (const key of ACCOUNT_KEYS) {
    const account = doc.accounts[key];
    if (seen.has(account)) continue;
    seen.add(account);
    yield `#KONTO ${account} ${quote(ACCOUNT_NAMES[key])}`;
  }
  for (const v of doc.vouchers) {
    yield `#VER ${quote(v.series)} ${v.number} ${sieDate(v.date)} ${quote(v.text)}`;
    yield '{';
    for (const t of v.transactions) yield `   #TRANS ${t.account} {} ${sieAmount(t.amountOre)}`;
    yield '}';
  }
}

export function writeSie(doc: SieDocument): string {
  return [...sieLines(doc)].join('\r\n') + '\r\n';
}

/** The file's bytes: CP437, as #FORMAT PC8 declares. */
export function encodeSie(text: string): Buffer {
  return iconv.encode(text, 'cp437');
}
