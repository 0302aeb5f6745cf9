// One entry point: bytes and a file name in, blocks out, or an ImportError saying why not.
import { ImportError } from '../errors';
import { textLength, type Block, type ExtractedDocument } from './blocks';
import { csvBlocks } from './csv';
import { detectFormat } from './detect';
import { docxBlocks } from './docx';
import { markdownBlocks } from './markdown';
import { pdfBlocks } from './pdf';
import { decodeText } from './text';

export async function extractDocument(name: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  const format = detectFormat(name, bytes);
  let blocks: Block[];
  switch (format) {
    case 'pdf':
      blocks = await pdfBlocks(bytes);
      break;
    case 'docx':
      blocks = await docxBlocks(bytes);
      break;
    case 'csv':
      blocks = csvBlocks(decodeText(bytes));
      break;
    default:
      blocks = markdownBlocks(decodeText(bytes));
  }
  if (textLength(blocks) === 0) throw new ImportError('noText');
  return { name, format, blocks };
}
