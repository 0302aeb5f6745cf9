// What the invoice font can draw decides what text may reach an invoice (issue 12): the table in
// lib/invoices/pdf/font-coverage.ts is the cmap of both embedded Liberation Sans files, read here
// with fontkit (react-pdf's font library), and the app's check and the database's
// public.is_invoice_printable() agree with it code point by code point. A PDF with the Nordic and
// European letters the product promises reads back with pdftotext in the embedded fonts only.
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../lib/i18n/catalogue';
import { INVOICE_FONT_RANGES } from '../../lib/invoices/pdf/font-coverage';
import { VAT_EXEMPTION_REASONS } from '../../lib/invoices/vat-treatment';
import { unprintableCharacters } from '../../lib/validation/text';
import { describeEachDatabase } from '../support/db';
import { renderAndRead } from './pdf-text';
import { sampleInvoice } from './sample';

const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(file: string): { characterSet: number[] } };
const fontFile = (name: string) => path.join(process.cwd(), 'lib/invoices/pdf/fonts', name);

/** Code points both fonts map to a glyph, without private use and non-characters. */
function fontCodePoints(): Set<number> {
  const [regular, bold] = ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf'].map(
    (f) => new Set(fontkit.openSync(fontFile(f)).characterSet),
  );
  return new Set([...regular].filter((c) => bold.has(c) && !(c >= 0xe000 && c <= 0xf8ff) && c !== 0xfffe && c !== 0xffff));
}

const inTable = (c: number) => INVOICE_FONT_RANGES.some(([a, z]) => c >= a && c <= z);
/** Every code point of the Basic Multilingual Plane but NUL and the surrogates, and a few beyond it. */
const candidates = [
  ...Array.from({ length: 0xffff }, (_, i) => i + 1).filter((c) => c < 0xd800 || c > 0xdfff),
  0x1f680,
  0x1f600,
  0x20000,
  0x1d400,
];

describe('the invoice font coverage table', () => {
  it('is the cmap of the embedded fonts, no more and no less', () => {
    const font = fontCodePoints();
    const table = new Set(INVOICE_FONT_RANGES.flatMap(([a, z]) => Array.from({ length: z - a + 1 }, (_, i) => a + i)));
    expect([...table].filter((c) => !font.has(c))).toEqual([]);
    expect([...font].filter((c) => !table.has(c))).toEqual([]);
  });

  it('the app refuses exactly what the font cannot draw, naming each character once', () => {
    const wrong = candidates.filter((c) => {
      const ch = String.fromCodePoint(c);
      const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(ch);
      // The app composes first (the Ångström sign U+212B is stored as Å), so it judges the composed form.
      const composed = [...ch.normalize('NFC')].every((x) => inTable(x.codePointAt(0)!));
      return !control && (unprintableCharacters(ch).length === 0) !== composed;
    });
    expect(unprintableCharacters('\u212b')).toEqual([]);
    expect(wrong).toEqual([]);
    expect(unprintableCharacters('Åsa 漢字 🚀 ƀ 漢')).toEqual(['漢', '字', '🚀', 'ƀ']);
    // Controls (line breaks among them) are the clean-text rule's: it names them in its own message.
    expect(unprintableCharacters('rad ett\nrad två\u0007')).toEqual([]);
    // A decomposed "å" (a + combining ring) is the letter the font has.
    expect(unprintableCharacters('Va\u030asterås')).toEqual([]);
  });

  it('the legal texts the PDF prints (exemptions, reverse charge, outside the EU, the credited invoice) are drawable too', () => {
    for (const locale of ['sv', 'en'] as const) {
      const t = translator(locale);
      const texts = [
        ...VAT_EXEMPTION_REASONS.map((r) => t(`invoices.vat.reasonTexts.${r}`)),
        t('invoices.pdf.reverseCharge'),
        t('invoices.vat.reverseChargeReference'),
        t('invoices.vat.outsideEu'),
        t('invoices.pdf.creditsInvoice', { number: '42', date: '2026-11-20' }),
      ];
      for (const text of texts) expect(unprintableCharacters(text), text).toEqual([]);
    }
  });

  it('a PDF with å ä ö é ü ß æ ø € – reads back as typed, in the embedded fonts only', async () => {
    const letters = 'Åsa Östergård åäö ÅÄÖ é ü ß æ ø Æ Ø € –';
    const base = sampleInvoice(1);
    const { flat, fonts } = await renderAndRead(
      sampleInvoice(1, {
        buyer: { ...base.buyer, name: `Kund ${letters}` },
        lines: base.lines.map((l) => ({ ...l, description: `Arbete ${letters}` })),
        message: `Meddelande ${letters}`,
      }),
    );
    expect(flat).toContain(`Kund ${letters}`);
    expect(flat).toContain(`Arbete ${letters}`);
    expect(flat).toContain(`Meddelande ${letters}`);
    const fontRows = fonts.split('\n').slice(2).filter(Boolean);
    expect(fontRows.length).toBeGreaterThan(0);
    for (const row of fontRows) {
      expect(row).toMatch(/LiberationSans/);
      expect(row).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+/); // embedded and subset
    }
  });
});

describeEachDatabase('public.is_invoice_printable', (db) => {
  let printable: Set<number>;
  beforeAll(async () => {
    const { rows } = await db().admin.query<{ c: number }>('select c from unnest($1::int[]) c where public.is_invoice_printable(chr(c))', [
      candidates,
    ]);
    printable = new Set(rows.map((r) => r.c));
  });

  it('agrees with the font table for every code point but the controls', () => {
    const control = (c: number) => (c >= 0x01 && c <= 0x1f) || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029;
    expect(candidates.filter((c) => !control(c) && printable.has(c) !== inTable(c))).toEqual([]);
  });

  it('leaves control characters to the clean-text rule, and takes null', async () => {
    const { rows } = await db().admin.query(
      `select public.is_invoice_printable(E'rad ett\\nrad två') as lines, public.is_invoice_printable(null) as nothing,
              public.is_invoice_printable('Kund 漢字') as cjk`,
    );
    expect(rows[0]).toEqual({ lines: true, nothing: true, cjk: false });
  });
});
