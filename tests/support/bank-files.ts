// Bank files written from the formats' descriptions, for the parser tests, the import tests and
// the benchmark: BgMax records at their columns (80 characters, space-padded), camt.054 XML.
const rec = (parts: [number, string][]) => {
  const line = Array(80).fill(' ');
  for (const [col, v] of parts) [...v].forEach((ch, i) => (line[col - 1 + i] = ch));
  return line.join('');
};
const num = (n: number, width: number) => String(n).padStart(width, '0');

export interface BgPayment {
  ref: string;
  ore: number;
  serial: number;
  name?: string;
  deduction?: boolean;
  extraRefs?: string[];
}
export interface BgDeposit {
  date: string; // YYYYMMDD
  payments: BgPayment[];
  currency?: string;
  /** The bankgiro the deposit is for, when not the file's receiver. */
  receiver?: string;
  /** Overrides the deposit amount (to write a wrong one). */
  amountOre?: number;
}

export function* bgmaxLines(deposits: Iterable<BgDeposit>, opts: { receiver?: string; endCounts?: number[] } = {}): Generator<string> {
  const receiver = opts.receiver ?? '50501055';
  yield rec([
    [1, '01'],
    [3, 'BGMAX'],
    [23, '01'],
    [25, '20261201061500123456'],
    [45, 'P'],
  ]);
  const counts = [0, 0, 0, 0];
  for (const d of deposits) {
    yield rec([
      [1, '05'],
      [3, num(Number(d.receiver ?? receiver), 10)],
      [23, d.currency ?? 'SEK'],
    ]);
    let sum = 0;
    for (const p of d.payments) {
      yield rec([
        [1, p.deduction ? '21' : '20'],
        [3, '0000000000'],
        [13, p.ref.padEnd(25)],
        [38, num(p.ore, 18)],
        [56, '2'],
        [57, '1'],
        [58, num(p.serial, 12)],
        [70, '0'],
      ]);
      counts[p.deduction ? 1 : 0]++;
      sum += p.deduction ? -p.ore : p.ore;
      for (const extra of p.extraRefs ?? []) {
        yield rec([
          [1, '22'],
          [3, '0000000000'],
          [13, extra.padEnd(25)],
          [38, num(0, 18)],
          [56, '2'],
          [57, '1'],
          [58, num(p.serial, 12)],
        ]);
        counts[2]++;
      }
      if (p.name)
        yield rec([
          [1, '26'],
          [3, p.name],
        ]);
    }
    yield rec([
      [1, '15'],
      [3, '99661234567'.padEnd(35)],
      [38, d.date],
      [46, '00001'],
      [51, num(d.amountOre ?? sum, 18)],
      [69, d.currency ?? 'SEK'],
      [72, num(d.payments.length, 8)],
    ]);
    counts[3]++;
  }
  const c = opts.endCounts ?? counts;
  yield rec([
    [1, '70'],
    [3, num(c[0], 8)],
    [11, num(c[1], 8)],
    [19, num(c[2], 8)],
    [27, num(c[3], 8)],
  ]);
}

export const bgmaxFile = (deposits: BgDeposit[], opts?: Parameters<typeof bgmaxLines>[1]) =>
  [...bgmaxLines(deposits, opts)].join('\r\n') + '\r\n';

export interface CamtTx {
  ref: string;
  amount: string;
  ocr?: string;
  name?: string;
  currency?: string;
  returned?: boolean;
}
export interface CamtEntry {
  amount: string;
  date: string; // YYYY-MM-DD
  debit?: boolean;
  status?: string;
  currency?: string;
  txs: CamtTx[];
}

export function camtFile(entries: CamtEntry[], iban = 'SE4550000000058398257466'): string {
  const tx = (t: CamtTx) => `
        <TxDtls>
          <Refs><AcctSvcrRef>${t.ref}</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <AmtDtls><TxAmt><Amt Ccy="${t.currency ?? 'SEK'}">${t.amount}</Amt></TxAmt></AmtDtls>
          ${t.name ? `<RltdPties><Dbtr><Pty><Nm>${t.name}</Nm></Pty></Dbtr></RltdPties>` : ''}
          ${t.ocr ? `<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${t.ocr}</Ref></CdtrRefInf></Strd></RmtInf>` : ''}
          ${t.returned ? '<RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf>' : ''}
        </TxDtls>`;
  const entry = (e: CamtEntry) => `
    <Ntry>
      <Amt Ccy="${e.currency ?? 'SEK'}">${e.amount}</Amt>
      <CdtDbtInd>${e.debit ? 'DBIT' : 'CRDT'}</CdtDbtInd>
      <Sts><Cd>${e.status ?? 'BOOK'}</Cd></Sts>
      <BookgDt><Dt>${e.date}</Dt></BookgDt>
      <ValDt><Dt>${e.date}</Dt></ValDt>
      <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
      <NtryDtls>${e.txs.length > 1 ? `<Btch><NbOfTxs>${e.txs.length}</NbOfTxs></Btch>` : ''}${e.txs.map(tx).join('')}
      </NtryDtls>
    </Ntry>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-12-01T06:00:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>NTF-1</Id>
      <CreDtTm>2026-12-01T06:00:00</CreDtTm>
      <Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>SEK</Ccy></Acct>${entries.map(entry).join('')}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
`;
}
