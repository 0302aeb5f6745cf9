// Issue 19: importing Bankgirot's BgMax file against 10 000 open invoices (PostgreSQL 15): the
// file is streamed from disk, parsed deposit by deposit and inserted in batches with the
// matcher's proposal, then booked as invoice payments (each with its triggers: history, state).
// Seconds and memory for 1 000 and 10 000 payments side by side: flat memory shows as about the
// same live growth for both (what grows with the file is the database's work, not the process's).
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import pg from 'pg';
import { withUserTransaction } from '../lib/db/transaction';
import { bookBankImport, importBankFile } from '../lib/payments/import';
import { bgmaxLines, type BgDeposit } from '../tests/support/bank-files';
import { withLuhn } from '../tests/db/fixtures';
import { createPg15Copy, preparePg15Template, stopPg15 } from '../tests/support/pg15';
import { benchClaims, emit, round, seedDemo } from './support';

const INVOICES = 10_000;
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const live = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

async function measure<T>(fn: () => Promise<T>) {
  const before = live();
  const rssBefore = process.memoryUsage().rss;
  let peakLive = before;
  let peakRss = rssBefore;
  const timer = setInterval(() => {
    peakLive = Math.max(peakLive, live());
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const start = performance.now();
  try {
    const value = await fn();
    return {
      value,
      seconds: round((performance.now() - start) / 1000, 2),
      peak_rss_mb: round(peakRss / 1e6, 1),
      live_growth_mb: round((peakLive - before) / 1e6, 1),
    };
  } finally {
    clearInterval(timer);
  }
}

const template = await preparePg15Template();
const copy = await createPg15Copy(template.adminUrl, template.template);
const dir = mkdtempSync(path.join(tmpdir(), 'bgmax-bench-'));
try {
  const account = await seedDemo(copy.adminUrl, 1, 'betalningar@konsultverkstad.test');
  const pool = new pg.Pool({ connectionString: copy.adminUrl, max: 2 });
  const owner = (
    await pool.query(`select user_id from workspace_members where workspace_id = $1 and role = 'owner'`, [account.workspaceId])
  ).rows[0].user_id as string;
  // 10 000 open invoices, copies of one sent invoice with their own number and OCR (as superuser, triggers off).
  const numbers = Array.from({ length: INVOICES }, (_, i) => 500_000 + i);
  const ocrs = numbers.map((n) => withLuhn(String(n)));
  const totals = numbers.map((_, i) => 100_000 + i);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(
      `insert into public.invoices
       select (jsonb_populate_record(null::public.invoices, to_jsonb(i) || jsonb_build_object(
                'id', gen_random_uuid(), 'number', x.n, 'ocr_reference', x.ocr, 'total_ore', x.total, 'net_ore', x.total, 'vat_ore', 0,
                'paid_ore', 0, 'credited_ore', 0, 'status', 'sent', 'paid_on', null, 'pdf_path', null, 'pdf_sha256', null))).*
         from (select * from public.invoices where workspace_id = $1 and kind = 'invoice' and status <> 'draft' limit 1) i,
              unnest($2::bigint[], $3::text[], $4::bigint[]) as x (n, ocr, total)`,
      [account.workspaceId, numbers, ocrs, totals],
    );
    await client.query('commit');
  } finally {
    client.release();
  }
  await pool.query('analyze');
  // The money arrives on the latest sent invoice's issue day (a draft may be dated ahead of today).
  const issue = (
    await pool.query(`select to_char(max(issue_date), 'YYYYMMDD') as d from invoices where workspace_id = $1 and status <> 'draft'`, [
      account.workspaceId,
    ])
  ).rows[0].d as string;
  const claims = await benchClaims(pool, owner);
  // The file is for the workspace's own bankgiro (a file for another account is refused).
  const receiver = (await pool.query(`select bankgiro from business_profiles where workspace_id = $1`, [account.workspaceId])).rows[0]
    .bankgiro as string;

  let serial = 1;
  for (const payments of [1_000, 10_000]) {
    // Deposits of 100 payments each, every payment on its own invoice by OCR.
    const deposits: BgDeposit[] = [];
    for (let d = 0; d < payments / 100; d++) {
      deposits.push({
        date: issue,
        payments: Array.from({ length: 100 }, (_, k) => {
          const i = (d * 100 + k + (payments === 1_000 ? 0 : 1_000)) % INVOICES;
          return { ref: ocrs[i], ore: totals[i], serial: serial++, name: 'PROVKUND AB' };
        }),
      });
    }
    const file = path.join(dir, `bgmax-${payments}.txt`);
    writeFileSync(file, [...bgmaxLines(deposits, { receiver: receiver.replace(/\D/g, '') })].join('\r\n') + '\r\n', 'latin1');
    const open = () => createReadStream(file, { highWaterMark: 64 * 1024 });
    const imported = await measure(() =>
      withUserTransaction(claims, (tx) => importBankFile(tx, { workspaceId: account.workspaceId, userId: owner, fileName: file, open }), {
        pool,
      }),
    );
    emit({
      bench: 'bank_import_bgmax',
      step: 'import',
      payments,
      open_invoices: INVOICES,
      matched: imported.value.matched,
      seconds: imported.seconds,
      peak_rss_mb: imported.peak_rss_mb,
      live_growth_mb: imported.live_growth_mb,
    });
    const booked = await measure(() => withUserTransaction(claims, (tx) => bookBankImport(tx, imported.value.importId), { pool }));
    emit({
      bench: 'bank_import_bgmax',
      step: 'book',
      payments,
      booked: booked.value,
      seconds: booked.seconds,
      peak_rss_mb: booked.peak_rss_mb,
      live_growth_mb: booked.live_growth_mb,
    });
  }
  await pool.end();
} finally {
  rmSync(dir, { recursive: true, force: true });
  await copy.stop();
  await stopPg15();
}
