// The invoice font, embedded (subset) in every PDF: Liberation Sans (SIL OFL, see
// fonts/LICENSE_LIBERATION), static TrueType that react-pdf reads and that covers å, ä, ö, −.
// Shipped in the repository so rendering never depends on the network or the machine's fonts.
import path from 'node:path';
import { Font } from '@react-pdf/renderer';

export const FONT_FAMILY = 'InvoiceSans';
const dir = path.join(process.cwd(), 'lib/invoices/pdf/fonts');

interface LoadedSource {
  data: unknown;
  loadResultPromise: Promise<void> | null;
}
let registered = false;

/**
 * Registers the fonts once and makes react-pdf load them afresh. Called before every render:
 * fontkit's subsetting changes the cached glyph data of composite glyphs (Ö is O + diaeresis), so
 * a font object that has been subset once renders later documents differently (a bold "O" went
 * missing after an "Ö") and the bytes would depend on what the process rendered before. A fresh
 * font object per document keeps every render complete and the same invoice byte-identical.
 */
export function registerFreshInvoiceFonts() {
  if (!registered) {
    Font.register({
      family: FONT_FAMILY,
      fonts: [
        { src: path.join(dir, 'LiberationSans-Regular.ttf'), fontWeight: 'normal' },
        { src: path.join(dir, 'LiberationSans-Bold.ttf'), fontWeight: 'bold' },
      ],
    });
    // Words are never split with hyphens (amounts, OCR numbers and org numbers must stay whole).
    Font.registerHyphenationCallback((word) => [word]);
    registered = true;
  }
  const family = (Font.getRegisteredFonts() as unknown as Record<string, { sources: LoadedSource[] }>)[FONT_FAMILY];
  for (const source of family.sources) {
    source.data = null;
    source.loadResultPromise = null;
  }
}
