// The invoice font, embedded (subset) in every PDF: Liberation Sans (SIL OFL, see
// fonts/LICENSE_LIBERATION), static TrueType that react-pdf reads and that covers å, ä, ö, −.
// Shipped in the repository so rendering never depends on the network or the machine's fonts.
import path from 'node:path';
import { Font } from '@react-pdf/renderer';

export const FONT_FAMILY = 'InvoiceSans';
const dir = path.join(process.cwd(), 'lib/invoices/pdf/fonts');
let registered = false;

export function registerInvoiceFonts() {
  if (registered) return;
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
