// ISO 20022 camt.054 (BankToCustomerDebitCreditNotification), the XML many Swedish banks give:
// Document/BkToCstmrDbtCdtNtfctn/Ntfctn (per account)/Ntry (a booking: Amt with Ccy, CdtDbtInd,
// Sts, BookgDt or ValDt)/NtryDtls/TxDtls (one per payment; several when the entry is a batch)
// with Refs/AcctSvcrRef, RltdPties/Dbtr, RmtInf/Strd/CdtrRefInf/Ref (the OCR) or RmtInf/Ustrd.
// Parsed with fast-xml-parser (validated first, so a broken file is refused naming its line);
// every refusal names the element. Credits are payments; debits and entries with return
// information (RtrInf) are returns, shown and never booked. Only booked entries count; any
// currency but SEK is refused; a batch's transactions must add up to its entry.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BankFileError, decimalToOre, type BankPayment } from './types';

type Node = Record<string, unknown>;
const ARRAYS = new Set(['Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Strd', 'Ustrd', 'CdtrRefInf']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : []);
const child = (n: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Node)[key] : undefined), n);
const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (v && typeof v === 'object' && typeof (v as Node)['#text'] === 'string') return ((v as Node)['#text'] as string).trim() || null;
  return null;
};

/** An Amt element: its öre, refused unless in SEK. */
function sekAmount(node: unknown, where: string): number {
  const value = text(node);
  const currency = node && typeof node === 'object' ? (node as Node)['@Ccy'] : undefined;
  if (value === null) throw new BankFileError('fieldInvalid', where, 'Amt');
  if (currency !== 'SEK') throw new BankFileError('currencyNotSek', where, String(currency ?? ''));
  return decimalToOre(value, where);
}

function date(node: unknown, where: string): string {
  const d = text(child(node, 'Dt')) ?? text(child(node, 'DtTm'))?.slice(0, 10) ?? null;
  if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new BankFileError('fieldInvalid', where, 'BookgDt/ValDt');
  return d;
}

function references(tx: unknown): string[] {
  const rmt = child(tx, 'RmtInf');
  const structured = list(child(rmt, 'Strd')).flatMap((s) => list(child(s, 'CdtrRefInf')).map((c) => text(child(c, 'Ref'))));
  const unstructured = list(child(rmt, 'Ustrd')).map((u) => text(u));
  return [...structured, ...unstructured].filter((r): r is string => r !== null).map((r) => r.slice(0, 140));
}

function payerName(tx: unknown): string | null {
  const dbtr = child(tx, 'RltdPties', 'Dbtr');
  return (text(child(dbtr, 'Nm')) ?? text(child(dbtr, 'Pty', 'Nm')))?.slice(0, 140) ?? null;
}

export function parseCamt054(xml: string): BankPayment[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new BankFileError('xmlMalformed', `rad ${valid.err.line}`, valid.err.msg);
  const doc = parser.parse(xml) as Node;
  const root = child(doc, 'Document', 'BkToCstmrDbtCdtNtfctn');
  if (!root) throw new BankFileError('notCamt054', 'Document');
  const out: BankPayment[] = [];
  list(child(root, 'Ntfctn')).forEach((ntf, ni) => {
    const nWhere = `Ntfctn[${ni + 1}]`;
    const account = text(child(ntf, 'Acct', 'Id', 'IBAN')) ?? text(child(ntf, 'Acct', 'Id', 'Othr', 'Id')) ?? 'konto';
    list(child(ntf, 'Ntry')).forEach((ntry, ei) => {
      const eWhere = `${nWhere}/Ntry[${ei + 1}]`;
      const status = text(child(ntry, 'Sts', 'Cd')) ?? text(child(ntry, 'Sts'));
      if (status !== 'BOOK') return;
      const entryOre = sekAmount(child(ntry, 'Amt'), `${eWhere}/Amt`);
      const indicator = text(child(ntry, 'CdtDbtInd'));
      if (indicator !== 'CRDT' && indicator !== 'DBIT') throw new BankFileError('fieldInvalid', `${eWhere}/CdtDbtInd`, String(indicator));
      const paidOn = date(child(ntry, 'BookgDt') ?? child(ntry, 'ValDt'), `${eWhere}/BookgDt`);
      const entryRef = text(child(ntry, 'AcctSvcrRef'));
      const txs = list(child(ntry, 'NtryDtls')).flatMap((d, di) =>
        list(child(d, 'TxDtls')).map((tx, ti) => ({ tx, where: `${eWhere}/NtryDtls[${di + 1}]/TxDtls[${ti + 1}]` })),
      );
      const parts = txs.length ? txs : [{ tx: ntry, where: eWhere }];
      let sum = 0;
      parts.forEach(({ tx, where }, i) => {
        const own = child(tx, 'AmtDtls', 'TxAmt', 'Amt') ?? (tx === ntry ? undefined : child(tx, 'Amt'));
        const ore = own === undefined ? (parts.length === 1 ? entryOre : NaN) : sekAmount(own, `${where}/Amt`);
        if (Number.isNaN(ore)) throw new BankFileError('batchMismatch', `${where}/Amt`, 'amount missing');
        sum += ore;
        const ref = text(child(tx, 'Refs', 'AcctSvcrRef')) ?? (entryRef ? `${entryRef}#${i + 1}` : null);
        if (!ref) throw new BankFileError('referenceMissing', `${where}/Refs/AcctSvcrRef`);
        const returned = indicator === 'DBIT' || child(tx, 'RtrInf') !== undefined;
        out.push({
          kind: returned ? 'return' : 'payment',
          sourceRef: `camt:${account}:${ref}`.slice(0, 200),
          account,
          position: where,
          amountOre: returned ? -ore : ore,
          paidOn,
          method: 'bank_transfer',
          references: references(tx),
          payerName: payerName(tx),
        });
      });
      if (sum !== entryOre) throw new BankFileError('batchMismatch', `${eWhere}/Amt`, `${entryOre} ≠ ${sum}`);
    });
  });
  return out;
}
