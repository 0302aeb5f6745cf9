// Word documents: mammoth turns the styles into HTML (Heading 1 → h1, numbered and bulleted
// paragraphs → nested ul/ol, tables → table), which is walked into blocks here.
import mammoth from 'mammoth';
import { ImportError } from '../errors';
import { checkArchive } from './archive';
import { tidy, type Block } from './blocks';

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(parseInt(e.slice(e[1] === 'x' || e[1] === 'X' ? 2 : 1), e[1] === 'x' || e[1] === 'X' ? 16 : 10))
      : (ENTITY[e.toLowerCase()] ?? whole),
  );

/** Walks mammoth's (well-formed, attribute-light) HTML. */
export function htmlBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let text = '';
  let listDepth = 0;
  let heading = 0;
  let table: string[][] | null = null;
  let row: string[] | null = null;
  const take = () => {
    const t = tidy(text);
    text = '';
    return t;
  };
  const endItemText = () => {
    const t = take();
    if (t) blocks.push({ type: 'item', depth: Math.max(0, listDepth - 1), text: t });
  };
  for (const [, close, tag, content] of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/gi)) {
    if (content !== undefined) {
      text += decode(content);
      continue;
    }
    const name = tag.toLowerCase();
    if (name === 'br') text += ' ';
    else if (/^h[1-6]$/.test(name)) {
      if (close && !table) {
        const t = take();
        if (t) blocks.push({ type: 'heading', level: heading, text: t });
      } else if (!table) {
        text = '';
        heading = Number(name[1]);
      }
    } else if (name === 'ul' || name === 'ol') {
      if (table) continue;
      if (!close) endItemText();
      listDepth += close ? -1 : 1;
    } else if (name === 'li') {
      if (!table) endItemText();
    } else if (name === 'p') {
      if (close && !table && listDepth === 0) {
        const t = take();
        if (t) blocks.push({ type: 'paragraph', text: t });
      } else if (table) text += ' ';
    } else if (name === 'table') {
      if (close) {
        if (table?.length) blocks.push({ type: 'table', rows: table });
        table = null;
      } else table = [];
      text = '';
    } else if (name === 'tr' && table) {
      if (close && row) table.push(row);
      row = close ? null : [];
    } else if ((name === 'td' || name === 'th') && row) {
      if (close) row.push(take());
      else text = '';
    }
  }
  return blocks;
}

/** Images are not imported, so mammoth never unpacks them (and they do not count toward the limit). */
const isMedia = (name: string) => name.startsWith('word/media/');
const skipImages = mammoth.images.imgElement(async () => ({ src: '' }));

export async function docxBlocks(bytes: Uint8Array): Promise<Block[]> {
  await checkArchive(bytes, isMedia);
  let html: string;
  try {
    html = (
      await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { convertImage: skipImages })
    ).value;
  } catch {
    throw new ImportError('corrupt');
  }
  return htmlBlocks(html);
}
