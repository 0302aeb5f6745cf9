// Bankgirot's incoming-payments file (BgMax, Bankgiro Inbetalningar), read line by line from a
// stream so memory stays flat in the file's size. Fixed 80-character records in ISO 8859-1:
//   01 start (layout name BGMAX, version, created, T/P), 05 opening of a deposit (receiving
//   bankgiro, currency), per payment 20 (or 21 for a deduction: avdrag) with its 22/23 extra
//   references, 25 information, 26 name, 27/28 address, 29 organisation number; 15 closes the
//   deposit (date, amount); 70 ends the file with the counts.
// The deposit's date is the payment date; a deposit's amount must equal its payments less its
// deductions, and the end record's counts what the file held, or the file is refused naming
// the line. A currency other than SEK is refused.
import { BankFileError, type BankPayment } from './types';

/** Columns as the manual numbers them (1-based, inclusive). */
const field = (line: string, from: number, to: number) => line.slice(from - 1, to);
const digits = (line: string, from: number, to: number, where: string) => {
  const v = field(line, from, to);
  if (!/^\d+$/.test(v)) throw new BankFileError('fieldInvalid', where, `${from}-${to}`);
  return v;
};
const amount = (line: string, from: number, to: number, where: string) => {
  const v = digits(line, from, to, where);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new BankFileError('fieldInvalid', where, `${from}-${to}`);
  return n;
};
const isoDate = (yyyymmdd: string, where: string) => {
  const d = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const parsed = new Date(`${d}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== d) throw new BankFileError('fieldInvalid', where, yyyymmdd);
  return d;
};

interface Pending extends Omit<BankPayment, 'paidOn' | 'sourceRef' | 'account'> {
  serial: string;
}

/**
 * Reads BgMax lines (without line ends) and yields each deposit's payments once its deposit
 * record (15) has checked them.
 */
export async function* parseBgmax(lines: AsyncIterable<string>): AsyncGenerator<BankPayment[]> {
  let n = 0;
  let receiver: string | null = null;
  let section: Pending[] = [];
  let current: Pending | null = null;
  let ended = false;
  const counts = { payments: 0, deductions: 0, extra: 0, deposits: 0 };
  for await (const raw of lines) {
    n++;
    const line = raw.replace(/\r$/, '');
    const where = `rad ${n}`;
    if (line.trim() === '') continue;
    if (ended) throw new BankFileError('recordOutOfPlace', where, 'after 70');
    if (line.length > 80) throw new BankFileError('fieldInvalid', where, 'longer than 80 characters');
    const tk = line.slice(0, 2);
    if (n === 1) {
      if (tk !== '01' || field(line, 3, 22).trim() !== 'BGMAX') throw new BankFileError('notBgmax', where);
      continue;
    }
    switch (tk) {
      case '05': {
        if (receiver !== null) throw new BankFileError('recordOutOfPlace', where, '05 before 15');
        receiver = digits(line, 3, 12, where).replace(/^0+/, '');
        const currency = field(line, 23, 25);
        if (currency !== 'SEK') throw new BankFileError('currencyNotSek', where, currency);
        section = [];
        current = null;
        break;
      }
      case '20':
      case '21': {
        if (receiver === null) throw new BankFileError('recordOutOfPlace', where, `${tk} outside a deposit`);
        const ore = amount(line, 38, 55, where);
        const deduction = tk === '21';
        if (deduction) counts.deductions++;
        else counts.payments++;
        const reference = field(line, 13, 37).trim();
        current = {
          kind: deduction ? 'deduction' : 'payment',
          position: where,
          amountOre: deduction ? -ore : ore,
          method: 'bankgiro',
          references: reference ? [reference] : [],
          payerName: null,
          serial: digits(line, 58, 69, where),
        };
        if (!deduction && ore === 0) throw new BankFileError('fieldInvalid', where, 'amount 0');
        section.push(current);
        break;
      }
      case '22':
      case '23': {
        if (!current) throw new BankFileError('recordOutOfPlace', where, `${tk} without a payment`);
        counts.extra++;
        const reference = field(line, 13, 37).trim();
        if (reference) current.references.push(reference);
        break;
      }
      case '26': {
        if (!current) throw new BankFileError('recordOutOfPlace', where, '26 without a payment');
        current.payerName = field(line, 3, 37).trim() || null;
        break;
      }
      case '25':
      case '27':
      case '28':
      case '29':
        if (!current) throw new BankFileError('recordOutOfPlace', where, `${tk} without a payment`);
        break;
      case '15': {
        if (receiver === null) throw new BankFileError('recordOutOfPlace', where, '15 without 05');
        const paidOn = isoDate(digits(line, 38, 45, where), where);
        const deposited = amount(line, 51, 68, where);
        const currency = field(line, 69, 71);
        if (currency !== 'SEK') throw new BankFileError('currencyNotSek', where, currency);
        const sum = section.reduce((s, p) => s + p.amountOre, 0);
        if (sum !== deposited) throw new BankFileError('depositMismatch', where, `${deposited} ≠ ${sum}`);
        const count = Number(digits(line, 72, 79, where));
        if (count !== section.filter((p) => p.kind === 'payment').length + section.filter((p) => p.kind === 'deduction').length) {
          throw new BankFileError('countMismatch', where, `${count}`);
        }
        counts.deposits++;
        const bg = receiver;
        yield section.map(({ serial, ...p }) => ({ ...p, account: bg, paidOn, sourceRef: `bgmax:${bg}:${paidOn}:${serial}:${p.kind}` }));
        receiver = null;
        section = [];
        current = null;
        break;
      }
      case '70': {
        if (receiver !== null) throw new BankFileError('recordOutOfPlace', where, '70 before 15');
        const expected = [
          digits(line, 3, 10, where),
          digits(line, 11, 18, where),
          digits(line, 19, 26, where),
          digits(line, 27, 34, where),
        ];
        const actual = [counts.payments, counts.deductions, counts.extra, counts.deposits];
        if (expected.some((e, i) => Number(e) !== actual[i])) throw new BankFileError('countMismatch', where, actual.join('/'));
        ended = true;
        break;
      }
      default:
        throw new BankFileError('recordUnknown', where, tk);
    }
  }
  if (n === 0) throw new BankFileError('notBgmax', 'rad 1');
  if (!ended) throw new BankFileError('endMissing', `rad ${n}`);
}
