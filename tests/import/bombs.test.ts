// Issue 13, finding 12: files that unpack far past their size are refused before the memory is
// spent, with 413 and a message that says why.
import { describe, expect, it, vi } from 'vitest';
import { translator } from '@/lib/i18n/catalogue';
import { extractDocument } from '@/lib/import/extract';
import { MAX_ARCHIVE_ENTRIES, MAX_PDF_PAGES } from '@/lib/import/limits';
import { docxBomb, docxWithEntries, lieAboutSize, pdfBomb, pdfWithPages } from './bombs';
import { outlineDocx } from './documents';

// The route handler runs as it does in Next; only the signed-in session (at aal2: it owes no second
// factor, so the import, which reads nothing, opens no transaction) and the request's
// language, which Next's request context provides, are given here.
vi.mock('@/lib/auth/claims', () => ({
  getVerifiedClaims: async () => ({ sub: '00000000-0000-4000-8000-000000000001', role: 'authenticated', aal: 'aal2' }),
}));
vi.mock('@/lib/i18n/server', () => ({ getTranslator: async () => ({ locale: 'sv', t: translator('sv') }) }));
const { POST } = await import('@/app/api/import/extract/route');

const upload = (name: string, bytes: Buffer) =>
  POST(
    new Request('http://app.test/api/import/extract', {
      method: 'POST',
      headers: { 'x-file-name': name, 'content-length': String(bytes.byteLength) },
      body: new Uint8Array(bytes),
    }),
  );

const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'read',
    (e: { reason?: string }) => e.reason,
  );

describe('finding 12: archive and PDF bombs', () => {
  it('finding 12: a DOCX bomb (33 KB → 32 MiB) is refused with 413 and a clear message', async () => {
    const bomb = await docxBomb();
    expect(bomb.byteLength).toBeLessThan(100_000);
    const response = await upload('bomb.docx', bomb);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: 'Filen packas upp till mer än 8 MB och är för stor att läsa. Dela upp den i mindre dokument.',
      reason: 'unpackedTooLarge',
    });
  });

  it('finding 12: inflating stops at the limit even when the central directory lies about the size', async () => {
    const liar = lieAboutSize(await docxBomb(), 'word/document.xml', 1000);
    expect(await reason(extractDocument('liar.docx', liar))).toBe('unpackedTooLarge');
  });

  it('finding 12: too many entries and too many PDF pages are refused with 413', async () => {
    const entries = await upload('many.docx', await docxWithEntries(MAX_ARCHIVE_ENTRIES + 1));
    expect(entries.status).toBe(413);
    expect((await entries.json()).error).toBe(
      `Word-filen består av fler än ${MAX_ARCHIVE_ENTRIES} delar och går inte att läsa. Spara den på nytt från Word.`,
    );
    const pages = await upload('pages.pdf', pdfWithPages(MAX_PDF_PAGES + 1));
    expect(pages.status).toBe(413);
    expect((await pages.json()).error).toBe(`PDF-filen har fler än ${MAX_PDF_PAGES} sidor. Dela upp den i mindre dokument.`);
  });

  it('finding 12: a PDF whose page content inflates a thousandfold is refused with 413', async () => {
    const bomb = pdfBomb();
    expect(bomb.byteLength).toBeLessThan(200_000);
    const response = await upload('bomb.pdf', bomb);
    expect(response.status).toBe(413);
    expect((await response.json()).reason).toBe('unpackedTooLarge');
  });

  it('files within the limits are still read: a normal Word file, a small PDF bomb’s honest twin, the page limit itself', async () => {
    expect((await extractDocument('kunder.docx', await outlineDocx())).blocks.length).toBeGreaterThan(0);
    expect((await extractDocument('liten.pdf', pdfBomb(1))).blocks).toEqual([{ type: 'paragraph', text: 'Kund AB' }]);
    expect(await reason(extractDocument('sidor.pdf', pdfWithPages(MAX_PDF_PAGES)))).toBe('read');
  });
});
