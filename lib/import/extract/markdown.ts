// Markdown and plain-text outlines: ATX headings, nested lists (by indentation), pipe tables and
// paragraphs. Inline emphasis is dropped; the proposer only needs the words and the structure.
import { tidy, type Block } from './blocks';

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const ITEM = /^(\s*)(?:[-*+•–]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

const inline = (text: string) => tidy(text.replace(/\*\*|__|`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));

export function markdownBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let table: string[][] | null = null;
  const indents: number[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', text: inline(paragraph.join(' ')) });
    paragraph = [];
    if (table) blocks.push({ type: 'table', rows: table });
    table = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\t/g, '    ');
    if (TABLE_ROW.test(line)) {
      if (paragraph.length) flush();
      if (TABLE_RULE.test(line)) continue;
      table ??= [];
      table.push(
        line
          .trim()
          .replace(/^\||\|$/g, '')
          .split('|')
          .map(inline),
      );
      continue;
    }
    if (TABLE_RULE.test(line) && table) continue;
    const heading = HEADING.exec(line);
    const item = heading ? null : ITEM.exec(line);
    if (heading || item || !line.trim()) flush();
    if (heading) {
      indents.length = 0;
      blocks.push({ type: 'heading', level: heading[1].length, text: inline(heading[2]) });
    } else if (item) {
      const indent = item[1].length;
      while (indents.length && indents[indents.length - 1] > indent) indents.pop();
      if (!indents.length || indents[indents.length - 1] < indent) indents.push(indent);
      const text = inline(item[2]);
      if (text) blocks.push({ type: 'item', depth: indents.length - 1, text });
    } else if (line.trim()) {
      if (!paragraph.length) indents.length = 0;
      paragraph.push(line);
    }
  }
  flush();
  return blocks.filter((b) => b.type === 'table' || b.text);
}
