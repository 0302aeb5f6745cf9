// Spreadsheets saved as CSV: the delimiter is guessed from the header line (Swedish Excel writes
// semicolons), quoted fields are parsed properly by csv-parse.
import { parse } from 'csv-parse/sync';
import { ImportError } from '../errors';
import type { Block } from './blocks';

function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

export function csvBlocks(text: string): Block[] {
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: delimiterOf(text), bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch {
    throw new ImportError('corrupt');
  }
  const kept = rows.filter((r) => r.some((cell) => cell !== ''));
  return kept.length ? [{ type: 'table', rows: kept }] : [];
}
