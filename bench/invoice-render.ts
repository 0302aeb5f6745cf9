// Invoice PDF rendering: warm render time of a 1-line and a 40-line invoice (median), PDFs per
// second one after another, and memory while rendering 1 000 invoices in a row (it must stay
// flat: the first and last hundred are compared).
import { renderInvoicePdf } from '../lib/invoices/pdf/render';
import { sampleInvoice } from '../tests/invoices/sample';
import { emit, medianMs, round } from './support';

const one = sampleInvoice(1);
const forty = sampleInvoice(40);
for (let i = 0; i < 5; i++) {
  await renderInvoicePdf(one);
  await renderInvoicePdf(forty);
}

emit({ measure: 'invoice_pdf_render_ms', lines: 1, median: round(await medianMs(30, () => renderInvoicePdf(one)), 1) });
emit({ measure: 'invoice_pdf_render_ms', lines: 40, median: round(await medianMs(15, () => renderInvoicePdf(forty)), 1) });

const total = 1000;
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
let peakFirst = 0;
let peakLast = 0;
let peak = 0;
const start = performance.now();
for (let i = 0; i < total; i++) {
  await renderInvoicePdf(sampleInvoice(3, { number: String(1000 + i), ocrReference: null }));
  const rss = process.memoryUsage().rss;
  peak = Math.max(peak, rss);
  if (i < 100) peakFirst = Math.max(peakFirst, rss);
  if (i >= total - 100) peakLast = Math.max(peakLast, rss);
}
const seconds = (performance.now() - start) / 1000;
emit({ measure: 'invoice_pdfs_per_second', lines: 3, count: total, value: round(total / seconds, 1) });
emit({
  measure: 'invoice_pdf_rss_mb',
  count: total,
  peakFirst100: mb(peakFirst),
  peakLast100: mb(peakLast),
  peak: mb(peak),
  growth: round(peakLast / peakFirst, 3),
});
