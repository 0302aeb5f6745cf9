// The ZIP of a period's archived PDFs, built as the download route builds it: invoices listed
// under RLS as the accountant, files fetched through the real Storage API with the accountant's
// session. Its contents equal the archived PDFs byte for byte; a file that does not match its
// recorded SHA-256, or one the reader may not fetch, ends the stream with an error.
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archivedPdfItems } from '@/lib/exports/archive-storage';
import { listExportInvoices } from '@/lib/exports/invoices';
import { zipStream } from '@/lib/exports/zip';
import {
  fakePdf,
  joinAsAccountant,
  prepareWorkspace,
  sendWithArchivedPdf,
  startArchiveHarness,
  type ArchiveHarness,
  type HarnessUser,
} from './archive-harness';

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(stream, new Writable({ write: (chunk, _enc, done) => (chunks.push(chunk), done()) }));
  return Buffer.concat(chunks);
}

describe('ZIP of archived PDFs', () => {
  let h: ArchiveHarness;
  let owner: HarnessUser;
  let accountant: HarnessUser;
  let workspaceId: string;
  const archived = new Map<string, Buffer>();

  beforeAll(async () => {
    h = await startArchiveHarness();
    owner = await h.signUp();
    accountant = await h.signUp();
    const ws = await prepareWorkspace(h, owner);
    workspaceId = ws.workspaceId;
    for (let i = 0; i < 5; i++) {
      const pdf = fakePdf(1000 + i * 5000);
      archived.set(await sendWithArchivedPdf(h, owner, workspaceId, ws.clientId, pdf), pdf);
    }
    await joinAsAccountant(h, owner, accountant);
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  const listAs = (user: HarnessUser) => h.asUser(user.id, (c) => listExportInvoices(c, {}), workspaceId);

  it('holds every archived PDF of the period, byte for byte, named by number', async () => {
    const invoices = await listAs(accountant);
    expect(invoices).toHaveLength(5);
    const zip = await JSZip.loadAsync(await collect(zipStream(archivedPdfItems(accountant.client, invoices))));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(invoices.map((i) => `faktura-${i.number}.pdf`).sort());
    for (const invoice of invoices) {
      const bytes = await zip.file(`faktura-${invoice.number}.pdf`)!.async('nodebuffer');
      expect(bytes.equals(archived.get(invoice.id)!)).toBe(true);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(invoice.pdfSha256);
    }
  });

  it('ends with an error when a file does not match its recorded SHA-256', async () => {
    const invoices = await listAs(accountant);
    const tampered = invoices.map((i, n) => (n === 2 ? { ...i, pdfSha256: '0'.repeat(64) } : i));
    await expect(collect(zipStream(archivedPdfItems(accountant.client, tampered)))).rejects.toThrow(/does not match/);
  });

  it('ends with an error when the reader may not fetch the files (another tenant, or access removed)', async () => {
    const invoices = await listAs(owner);
    const stranger = await h.signUp();
    await expect(collect(zipStream(archivedPdfItems(stranger.client, invoices)))).rejects.toThrow(/archived PDF unavailable/);
    await h.asUser(owner.id, (c) => c.query(`select remove_accountant($1)`, [accountant.id]));
    expect(await listAs(accountant)).toEqual([]);
    await expect(collect(zipStream(archivedPdfItems(accountant.client, invoices)))).rejects.toThrow(/archived PDF unavailable/);
  });
});
