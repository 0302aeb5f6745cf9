// Issue 6: time and peak memory of the ZIP of 600 archived invoice PDFs (streamed from the
// Storage API, as the download route does) and of the SIE export of five years, on the
// 5-year demo dataset. The stand-in runs in a child process, so memory here is the export's.
// Flat memory shows as the same growth for 60 and 600 PDFs.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import path from 'node:path';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { withUserTransaction } from '../lib/db/transaction';
import { archivedPdfItems } from '../lib/exports/archive-storage';
import { listExportInvoices } from '../lib/exports/invoices';
import { buildSieExport } from '../lib/exports/sie/export';
import { zipStream } from '../lib/exports/zip';
import { repoRoot } from '../tests/support/paths';
import { testClientOptions } from '../tests/support/stand-in';
import { benchClaims, emit, round, seedDemo } from './support';

const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const child = spawn(tsx, [path.join(repoRoot, 'bench/exports-standin-child.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
const standIn = await new Promise<{ apiUrl: string; anonKey: string; dbUrl: string }>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`stand-in exited (${code})`)));
  createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
});

// A collector we can call: live memory (after collection) is what flatness is about; RSS is
// reported as well, and includes garbage not yet collected.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const live = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** Peak memory while fn runs (live memory sampled every 50 ms), against the level before it. */
async function measure<T>(fn: () => Promise<T>) {
  const liveBefore = live();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let peakLive = liveBefore;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    peakLive = Math.max(peakLive, live());
  }, 50);
  const start = performance.now();
  try {
    const value = await fn();
    return {
      value,
      ms: round(performance.now() - start, 1),
      peak_rss_mb: round(peakRss / 1e6, 1),
      rss_growth_mb: round((peakRss - rssBefore) / 1e6, 1),
      live_growth_mb: round((peakLive - liveBefore) / 1e6, 1),
    };
  } finally {
    clearInterval(timer);
  }
}

try {
  const data = await seedDemo(standIn.dbUrl, 5, 'skala@konsultverkstad.test');
  const supabase = createClient(standIn.apiUrl, standIn.anonKey, testClientOptions);
  const signedIn = await supabase.auth.signInWithPassword({ email: data.email, password: data.password });
  if (signedIn.error) throw signedIn.error;
  const pool = new pg.Pool({ connectionString: standIn.dbUrl, max: 2 });
  const claims = await benchClaims(pool, signedIn.data.user!.id);
  const asOwner = <T>(fn: (tx: pg.PoolClient) => Promise<T>) => withUserTransaction(claims, (tx) => fn(tx), { pool });

  // Archive a PDF (about 40 kB, random so nothing compresses) for every sent invoice.
  const invoices = await asOwner((tx) => listExportInvoices(tx, {}));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < invoices.length) {
        const invoice = invoices[next++];
        const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(40_000), Buffer.from('\n%%EOF\n')]);
        const name = `${data.workspaceId}/${invoice.id}.pdf`;
        const up = await supabase.storage.from('invoice-archive').upload(name, pdf, { contentType: 'application/pdf' });
        if (up.error) throw up.error;
        await asOwner((tx) =>
          tx.query(`select record_invoice_pdf($1, $2, $3)`, [invoice.id, name, createHash('sha256').update(pdf).digest('hex')]),
        );
      }
    }),
  );
  const archived = await asOwner((tx) => listExportInvoices(tx, {}));
  emit({ bench: 'exports_dataset', invoices: archived.length, archived_pdfs: archived.filter((i) => i.pdfPath).length });

  for (const count of [60, archived.length]) {
    const slice = archived.slice(0, count);
    let bytes = 0;
    const zip = () => {
      bytes = 0;
      return pipeline(
        zipStream(archivedPdfItems(supabase, slice)),
        new Writable({ write: (chunk, _e, done) => ((bytes += chunk.length), done()) }),
      );
    };
    // Time without the memory sampler (its forced collections slow the run down), then memory.
    const start = performance.now();
    await zip();
    const ms = round(performance.now() - start, 1);
    const r = await measure(zip);
    emit({
      bench: 'zip_export',
      pdfs: count,
      zip_mb: round(bytes / 1e6, 1),
      ms,
      peak_rss_mb: r.peak_rss_mb,
      rss_growth_mb: r.rss_growth_mb,
      live_growth_mb: r.live_growth_mb,
    });
  }

  const years = await pool.query(
    `select min(issue_date)::text as first, max(issue_date)::text as last from invoices where workspace_id = $1 and status <> 'draft'`,
    [data.workspaceId],
  );
  const filter = { from: years.rows[0].first, to: years.rows[0].last };
  const sie = await measure(() => asOwner((tx) => buildSieExport(tx, data.workspaceId, filter)));
  emit({
    bench: 'sie_export',
    period: `${filter.from}..${filter.to}`,
    vouchers: sie.value.count,
    kb: round(sie.value.bytes.length / 1e3, 1),
    ms: sie.ms,
    peak_rss_mb: sie.peak_rss_mb,
    rss_growth_mb: sie.rss_growth_mb,
    live_growth_mb: sie.live_growth_mb,
  });
  await pool.end();
} finally {
  child.kill('SIGTERM');
}
