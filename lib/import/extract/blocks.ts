// Every extractor turns a document into the same few blocks; the built-in proposer reads the
// structure from them and the AI proposer gets them back as Markdown-like text.
export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'item'; depth: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'table'; rows: string[][] };

export type DocumentFormat = 'pdf' | 'docx' | 'markdown' | 'text' | 'csv';

export interface ExtractedDocument {
  name: string;
  format: DocumentFormat;
  blocks: Block[];
}

/** Collapses runs of whitespace (PDF and DOCX text keeps odd spacing) and drops control characters (the database refuses NUL). */
export const tidy = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000e-\u001f]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();

/** The document as Markdown-like text: headings, indented lists, pipe tables. */
export function blocksToText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'heading':
          return `${'#'.repeat(Math.min(6, b.level))} ${b.text}`;
        case 'item':
          return `${'  '.repeat(b.depth)}- ${b.text}`;
        case 'paragraph':
          return b.text;
        case 'table':
          return b.rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
      }
    })
    .join('\n');
}

/** How much text a document holds, to tell an empty one from a sparse one. */
export function textLength(blocks: Block[]): number {
  return blocks.reduce((n, b) => n + (b.type === 'table' ? b.rows.flat().join('').length : b.text.length), 0);
}
