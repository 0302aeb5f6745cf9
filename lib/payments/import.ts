// Reads a bank file into the workspace in the caller's transaction: the file's SHA-256 (the same
// file twice is refused by the database), then its payments in batches as they stream out of the
// parser, each with the matcher's proposal. A refusal anywhere (a malformed line, a foreign
// currency, an account that is not the workspace's) throws, so the request's transaction rolls
// back and nothing is kept. Booking is a separate step, after the owner's review (bookBankImport).
import { createHash } from 'node:crypto';
import type { Tx } from '@/lib/db/transaction';
import { invoiceWhere, OUTSTANDING } from '@/lib/invoices/read';
import { parseBgmax } from './bgmax';
import { parseCamt054 } from './camt054';
import { Matcher, type OpenInvoice } from './match';
import { BankFileError, type BankFileFormat, type BankPayment } from './types';

/** The file's bytes, readable more than once (a File's stream(), a file on disk). */
export type OpenBytes = () => AsyncIterable<Uint8Array>;

/** camt.054 is parsed whole; BgMax streams and has no limit of its own. */
export const CAMT_MAX_BYTES = 20 * 1024 * 1024;
const BATCH = 1000;

export interface ImportSummary {
  importId: string;
  format: BankFileFormat;
  payments: number;
  matched: number;
  alreadyImported: number;
}

async function fingerprint(open: OpenBytes): Promise<{ sha256: string; format: BankFileFormat; size: number }> {
  const hash = createHash('sha256');
  let head = '';
  let size = 0;
  for await (const chunk of open()) {
    hash.update(chunk);
    size += chunk.byteLength;
    if (head.length < 64) head += Buffer.from(chunk.subarray(0, 64)).toString('latin1');
  }
  const start = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  const format: BankFileFormat | null = start.startsWith('01BGMAX') ? 'bgmax' : start.startsWith('<') ? 'camt054' : null;
  if (!format) throw new BankFileError('notBgmax', 'rad 1');
  return { sha256: hash.digest('hex'), format, size };
}

/** BgMax lines, decoded as ISO 8859-1, without holding the file. */
async function* latin1Lines(open: OpenBytes): AsyncGenerator<string> {
  const decoder = new TextDecoder('latin1');
  let rest = '';
  for await (const chunk of open()) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

async function camtPayments(open: OpenBytes, size: number): Promise<BankPayment[]> {
  if (size > CAMT_MAX_BYTES) throw new BankFileError('tooLarge', 'Document');
  const parts: Uint8Array[] = [];
  for await (const chunk of open()) parts.push(chunk);
  return parseCamt054(new TextDecoder('utf-8').decode(Buffer.concat(parts)));
}

async function openInvoices(tx: Tx, workspaceId: string): Promise<OpenInvoice[]> {
  const [where, params] = invoiceWhere({ kinds: ['invoice'], drafts: false, status: 'open' });
  const { rows } = await tx.query<OpenInvoice>(
    `select i.id, i.ocr_reference as "ocrReference", ${OUTSTANDING}::float8 as "outstandingOre",
            coalesce(i.buyer_snapshot ->> 'name', cd.name, '') as "clientName", i.issue_date::text as "issueDate"
       from public.invoices i left join public.client_details cd on cd.node_id = i.client_node_id
      where ${where} and i.workspace_id = $${params.length + 1}`,
    [...params, workspaceId],
  );
  return rows;
}

/** An account number as the profile and the bank files may write it: no spaces or dashes, upper case. */
const accountKey = (account: string) => account.replace(/[\s-]/g, '').toUpperCase();

/**
 * The accounts the workspace is paid into (its business profile's bankgiro, plusgiro and IBAN).
 * A file for any other account is refused whole: OCR numbers repeat between businesses (invoice 3
 * has the same one everywhere), so another business's file would otherwise be booked here.
 */
async function ownAccounts(tx: Tx, workspaceId: string): Promise<Set<string>> {
  const { rows } = await tx.query<{ account: string | null }>(
    `select unnest(array[p.bankgiro, p.plusgiro, p.iban]) as account from public.business_profiles p where p.workspace_id = $1`,
    [workspaceId],
  );
  return new Set(rows.flatMap((r) => (r.account ? [accountKey(r.account)] : [])));
}

async function insertBatch(tx: Tx, workspaceId: string, importId: string, batch: BankPayment[], matcher: Matcher) {
  const matches = batch.map((p) => matcher.match(p));
  const { rowCount } = await tx.query(
    `insert into public.bank_import_payments (workspace_id, import_id, kind, source_ref, position, amount_ore, paid_on, method,
                                              reference, payer_name, matched_invoice_id, match_rule)
     select $1, $2, x.kind, x.source_ref, x.position, x.amount_ore, x.paid_on, x.method, x.reference, x.payer_name, x.invoice, x.rule
       from unnest($3::text[], $4::text[], $5::text[], $6::bigint[], $7::date[], $8::text[], $9::text[], $10::text[], $11::uuid[], $12::text[])
            as x (kind, source_ref, position, amount_ore, paid_on, method, reference, payer_name, invoice, rule)
     on conflict on constraint bank_import_payments_once do nothing`,
    [
      workspaceId,
      importId,
      batch.map((p) => p.kind),
      batch.map((p) => p.sourceRef),
      batch.map((p) => p.position),
      batch.map((p) => p.amountOre),
      batch.map((p) => p.paidOn),
      batch.map((p) => p.method),
      batch.map((p) => p.references[0] ?? null),
      batch.map((p) => p.payerName),
      matches.map((m) => m?.invoiceId ?? null),
      matches.map((m) => m?.rule ?? null),
    ],
  );
  return { inserted: rowCount ?? 0, matched: matches.filter(Boolean).length };
}

export async function importBankFile(
  tx: Tx,
  input: { workspaceId: string; userId: string; fileName: string; open: OpenBytes },
): Promise<ImportSummary> {
  const { sha256, format, size } = await fingerprint(input.open);
  const { rows } = await tx.query<{ id: string }>(
    `insert into public.bank_imports (workspace_id, format, file_name, file_sha256, imported_by) values ($1, $2, $3, $4, $5) returning id`,
    [input.workspaceId, format, input.fileName.slice(0, 255), sha256, input.userId],
  );
  const importId = rows[0].id;
  const matcher = new Matcher(await openInvoices(tx, input.workspaceId));
  const accounts = await ownAccounts(tx, input.workspaceId);
  const summary: ImportSummary = { importId, format, payments: 0, matched: 0, alreadyImported: 0 };
  let batch: BankPayment[] = [];
  const flush = async () => {
    const r = await insertBatch(tx, input.workspaceId, importId, batch, matcher);
    summary.payments += batch.length;
    summary.alreadyImported += batch.length - r.inserted;
    summary.matched += r.matched;
    batch = [];
  };
  const deposits = format === 'bgmax' ? parseBgmax(latin1Lines(input.open)) : [await camtPayments(input.open, size)];
  for await (const payments of deposits) {
    for (const p of payments) {
      if (!accounts.has(accountKey(p.account))) throw new BankFileError('accountNotOurs', p.position, p.account);
      batch.push(p);
      if (batch.length >= BATCH) await flush();
    }
  }
  await flush();
  return summary;
}

/** Books every placed payment of the import; returns how many were booked. */
export async function bookBankImport(tx: Tx, importId: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(`select public.book_bank_import($1) as n`, [importId]);
  return rows[0].n;
}

export async function placeBankPayment(tx: Tx, paymentId: string, invoiceId: string | null): Promise<void> {
  await tx.query(`select public.place_bank_payment($1, $2)`, [paymentId, invoiceId]);
}
