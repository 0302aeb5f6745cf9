// PDFs through pdfjs-dist (legacy build for Node): text items are joined into lines by their
// baseline; lines in a larger font than the body text are headings, lines starting with a bullet
// or a number are list items indented by their x position. No text at all: a scan without a
// text layer, reported as such (no OCR here).
import { ImportError } from '../errors';
import { MAX_PDF_PAGES } from '../limits';
import { tidy, type Block } from './blocks';
import { checkPdfStreams } from './pdf-streams';

interface Line {
  text: string;
  size: number;
  x: number;
}

interface TextItem {
  str: string;
  transform: number[];
  height: number;
  hasEOL?: boolean;
}

const BULLET = /^(?:[•·▪◦‣∙●○■□\-–*]|\d+[.)])\s+/;

async function loadPdfjs() {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // The worker runs on the main thread in Node; handing it over directly works inside bundles too.
  const holder = globalThis as { pdfjsWorker?: unknown };
  holder.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  return pdfjs;
}

function pageLines(items: TextItem[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  let y = Number.NaN;
  let endX = 0;
  for (const item of items) {
    const [, , , , x, itemY] = item.transform;
    const size = item.height || Math.abs(item.transform[3]);
    if (current && Math.abs(itemY - y) > Math.max(size, current.size) * 0.5) current = null;
    if (!current) {
      current = { text: '', size: 0, x };
      lines.push(current);
      y = itemY;
    } else if (item.str && !current.text.endsWith(' ') && x - endX > size * 0.15) current.text += ' ';
    if (item.str.trim()) current.size = Math.max(current.size, size);
    current.text += item.str;
    endX = x + (item.str.length * size) / 2;
    if (item.hasEOL) current = null;
  }
  return lines.map((l) => ({ ...l, text: tidy(l.text) })).filter((l) => l.text);
}

function linesToBlocks(lines: Line[]): Block[] {
  // The body size is the one most text is set in; larger sizes are heading levels, largest first.
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(Math.round(l.size), (weight.get(Math.round(l.size)) ?? 0) + l.text.length);
  const body = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const headingSizes = [...weight.keys()].filter((s) => s > body * 1.15).sort((a, b) => b - a);
  const itemIndents = [...new Set(lines.filter((l) => BULLET.test(l.text)).map((l) => Math.round(l.x / 6)))].sort((a, b) => a - b);
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const line of lines) {
    const level = headingSizes.indexOf(Math.round(line.size));
    if (level >= 0) {
      flush();
      blocks.push({ type: 'heading', level: level + 1, text: line.text });
    } else if (BULLET.test(line.text)) {
      flush();
      blocks.push({ type: 'item', depth: Math.max(0, itemIndents.indexOf(Math.round(line.x / 6))), text: line.text.replace(BULLET, '') });
    } else paragraph.push(line.text);
  }
  flush();
  return blocks;
}

export async function pdfBlocks(bytes: Uint8Array): Promise<Block[]> {
  await checkPdfStreams(bytes);
  const pdfjs = await loadPdfjs();
  // pdfjs takes ownership of (detaches) the buffer it gets, so it gets a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    throw new ImportError((error as { name?: string }).name === 'PasswordException' ? 'encrypted' : 'corrupt');
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw new ImportError('tooManyPages');
    const lines: Line[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      lines.push(...pageLines(content.items.filter((i): i is TextItem & typeof i => 'str' in i)));
      page.cleanup();
    }
    if (!lines.length) throw new ImportError('scanned');
    return linesToBlocks(lines);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('corrupt');
  } finally {
    await doc.destroy();
  }
}
