// Issue 6: time and peak memory of the ZIP of 600 archived invoice PDFs (streamed from the
// Storage API, as the download route does), on the 5-year demo dataset. The stand-in runs in a
// child process, so memory here is the export's. Flat memory shows as the same growth for 60 and
// 600 PDFs. (The SIE export, per fiscal year since issue 16, is measured in exports-reports.ts.)
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { withUserTransaction } from '../lib/db/transaction';
import { archivedPdfItems } from '../lib/exports/archive-storage';
import { listExportInvoices } from '../lib/exports/invoices';
import { zipStream } from '../lib/exports/zip';
import { testClientOptions } from '../tests/support/stand-in';
import { benchClaims, emit, measureMemory, round, seedDemo, startStandInChild } from './support';

const { child, standIn } = await startStandInChild();

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
    const r = await measureMemory(zip);
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

  await pool.end();
} finally {
  child.kill('SIGTERM');
}
