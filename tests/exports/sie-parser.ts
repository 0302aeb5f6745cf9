// An SIE 4 reader written from the format's specification (SIE-gruppen, "SIE filformat ver 4B"),
// independent of the writer: lines beginning with a #label, fields separated by spaces or tabs,
// fields in "quotes" with \" and \\ escapes, {} object lists, and a #VER followed by a block
// { ... } of #TRANS rows. The file is CP437 (#FORMAT PC8). Amounts use a decimal point.
import iconv from 'iconv-lite';

export interface SieTrans {
  account: string;
  objects: string[];
  amountOre: number;
}
export interface SieVer {
  series: string;
  number: string;
  date: string;
  text: string;
  trans: SieTrans[];
}
export interface SieFile {
  records: { label: string; fields: string[] }[];
  first(label: string): string[] | undefined;
  accounts: Map<string, string>;
  vers: SieVer[];
}

/** Splits one line into fields: quoted strings, {object lists} and bare words. */
export function fields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '"') {
      let value = '';
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        value += line[i++];
      }
      if (line[i] !== '"') throw new Error(`unterminated string in: ${line}`);
      i++;
      out.push(value);
    } else if (c === '{') {
      const end = line.indexOf('}', i);
      if (end === -1) throw new Error(`unterminated object list in: ${line}`);
      out.push(line.slice(i, end + 1));
      i = end + 1;
    } else {
      let value = '';
      while (i < line.length && line[i] !== ' ' && line[i] !== '\t') value += line[i++];
      out.push(value);
    }
  }
  return out;
}

/** "1234.5" / "-0.05" → öre, exactly (no floating point). */
export function amountOre(text: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new Error(`not an SIE amount: ${text}`);
  const ore = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -ore : ore;
}

export function parseSie(bytes: Buffer): SieFile {
  const text = iconv.decode(bytes, 'cp437');
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const records: SieFile['records'] = [];
  const vers: SieVer[] = [];
  const accounts = new Map<string, string>();
  let open: SieVer | null = null;
  let inBlock = false;
  for (const line of lines) {
    if (line === '{') {
      if (!open || inBlock) throw new Error('block without #VER');
      inBlock = true;
      continue;
    }
    if (line === '}') {
      if (!inBlock || !open) throw new Error('unbalanced }');
      vers.push(open);
      open = null;
      inBlock = false;
      continue;
    }
    if (!line.startsWith('#')) throw new Error(`line without a label: ${line}`);
    const [label, ...rest] = fields(line);
    if (inBlock) {
      if (label !== '#TRANS') throw new Error(`${label} inside a voucher block`);
      const [account, objects, amount] = rest;
      if (!/^\d+$/.test(account) || !objects?.startsWith('{')) throw new Error(`bad #TRANS: ${line}`);
      open!.trans.push({ account, objects: objects.slice(1, -1).split(/\s+/).filter(Boolean), amountOre: amountOre(amount) });
      continue;
    }
    if (open) throw new Error('#VER without a block');
    records.push({ label, fields: rest });
    if (label === '#KONTO') accounts.set(rest[0], rest[1]);
    if (label === '#VER') {
      const [series, number, date, verText] = rest;
      if (!/^\d{8}$/.test(date)) throw new Error(`bad #VER date: ${line}`);
      open = { series, number, date, text: verText ?? '', trans: [] };
    }
  }
  if (open || inBlock) throw new Error('file ends inside a voucher');
  return { records, vers, accounts, first: (label) => records.find((r) => r.label === label)?.fields };
}
