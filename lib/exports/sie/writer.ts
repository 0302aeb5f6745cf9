// SIE 4I (the Swedish bookkeeping interchange format, type 4 import file: vouchers only) for one
// fiscal year or a period inside it: header records with #RAR 0 for the year, #KONTO for every
// account the workspace books on, then one #VER per voucher, numbered 1, 2, ... in date order in
// the workspace's series. Texts are made printable in CP437 (#FORMAT PC8), quoted as the
// specification says, and short enough for the common programs; written in chunks.
import iconv from 'iconv-lite';
import { oreDecimal } from '@/lib/validation/quantities';
import { ACCOUNT_KEYS, accountName, type SieAccounts } from './accounts';
import type { Period } from './fiscal-year';
import type { Voucher, VoucherKind } from './vouchers';

export interface SieHeader {
  program: { name: string; version: string };
  generated: Date;
  orgNumber: string | null;
  companyName: string;
  fiscalYear: Period;
  accounts: SieAccounts;
  series: string;
}

/** Fortnox refuses voucher texts over 50 characters; the others take at least as many. */
export const VOUCHER_TEXT_MAX = 50;

/** Letters outside ASCII that CP437 has and Swedish names use; anything else is transliterated. */
const KEPT = new Set('åäöÅÄÖéÉüÜæÆçÇñÑàáâèêëìíîïòóôùúûÿ');
const SPELLED: Record<string, string> = {
  ø: 'o',
  Ø: 'O',
  ß: 'ss',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'Th',
  œ: 'oe',
  Œ: 'OE',
  '€': 'EUR',
  '–': '-',
  '—': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '…': '...',
  '\\': '/',
};

/** Text as CP437 can carry it: one line, å ä ö é ü kept, other letters without their accents. */
export function sieText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ').trim()) {
    if ((ch >= ' ' && ch <= '~' && ch !== '\\') || KEPT.has(ch)) out += ch;
    else if (SPELLED[ch] !== undefined) out += SPELLED[ch];
    else {
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += /^[ -~]+$/.test(bare) ? bare : '?';
    }
  }
  return out;
}

/** A field in quotes; a quote inside is written \" as the specification says. */
export function quote(text: string): string {
  return `"${sieText(text).replace(/"/g, '\\"')}"`;
}

/** Cut at `max` characters (the start, where the number is, always kept). */
const cut = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max - 1).trimEnd() + '.');

/** Öre as kronor with a decimal point: 123450 -> "1234.50", -5 -> "-0.05". */
export const sieAmount = (ore: number) => oreDecimal(ore, '.');

const sieDate = (isoDate: string) => isoDate.slice(0, 10).replace(/-/g, '');

const LABEL: Record<VoucherKind, string> = {
  invoice: 'Faktura',
  credit_note: 'Kreditnota',
  payment: 'Inbetalning faktura',
  reversal: 'Återförd inbetalning faktura',
  year_end: 'Kundfordran bokslut faktura',
};

/** What a voucher says: kind and number first, then the client as far as it fits. */
export const voucherText = (v: Voucher) => cut(sieText(`${LABEL[v.kind]} ${v.documentNumber} ${v.clientName}`), VOUCHER_TEXT_MAX);

function* headerLines(h: SieHeader): Generator<string> {
  yield '#FLAGGA 0';
  yield `#PROGRAM ${quote(h.program.name)} ${quote(h.program.version)}`;
  yield '#FORMAT PC8';
  yield `#GEN ${sieDate(h.generated.toISOString())}`;
  yield '#SIETYP 4';
  if (h.orgNumber) yield `#ORGNR ${h.orgNumber}`;
  yield `#FNAMN ${quote(h.companyName)}`;
  yield `#RAR 0 ${sieDate(h.fiscalYear.from)} ${sieDate(h.fiscalYear.to)}`;
  yield '#KPTYP BAS2014';
  yield '#VALUTA SEK';
  const seen = new Set<number>();
  for (const key of ACCOUNT_KEYS) {
    const account = h.accounts[key];
    if (seen.has(account)) continue;
    seen.add(account);
    yield `#KONTO ${account} ${quote(accountName(key, account))}`;
  }
}

function voucherLines(h: SieHeader, v: Voucher, number: number): string[] {
  const byAccount = new Map<number, number>();
  for (const t of v.transactions) byAccount.set(h.accounts[t.key], (byAccount.get(h.accounts[t.key]) ?? 0) + t.amountOre);
  return [
    `#VER ${quote(h.series)} ${number} ${sieDate(v.date)} ${quote(voucherText(v))}`,
    '{',
    ...[...byAccount].filter(([, a]) => a !== 0).map(([account, amount]) => `   #TRANS ${account} {} ${sieAmount(amount)}`),
    '}',
  ];
}

const CHUNK_LINES = 2000;

/** The file's bytes (CP437, as #FORMAT PC8 declares) and how many vouchers it holds. */
export async function writeSie(h: SieHeader, vouchers: AsyncIterable<Voucher>): Promise<{ bytes: Buffer; count: number }> {
  const chunks: Buffer[] = [];
  let lines: string[] = [...headerLines(h)];
  const flush = () => {
    chunks.push(encodeSie(lines.join('\r\n') + '\r\n'));
    lines = [];
  };
  let count = 0;
  for await (const v of vouchers) {
    lines.push(...voucherLines(h, v, ++count));
    if (lines.length >= CHUNK_LINES) flush();
  }
  flush();
  return { bytes: Buffer.concat(chunks), count };
}

export function encodeSie(text: string): Buffer {
  return iconv.encode(text, 'cp437');
}
