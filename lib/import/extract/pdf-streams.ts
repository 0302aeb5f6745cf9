// A PDF's Flate-compressed streams, measured before pdfjs reads the file: pdfjs inflates a page's
// content and its fonts whole, so a small PDF can unpack to gigabytes. Image streams are left
// out (text extraction never decodes them). Streams are found in the raw bytes ("stream" …
// "endstream"; PDF never nests a stream inside a compressed object), and inflated only to count.
import { createInflate, constants } from 'node:zlib';
import { ImportError } from '../errors';
import { MAX_UNPACKED_BYTES } from '../limits';
import { drainWithin } from './inflate';

const STREAM_START = /(?<!end)stream\r?\n/g;
/** The stream's dictionary: the text since the object began (bounded, dictionaries are short). */
const DICTIONARY_SPAN = 4096;

/** A stream zlib cannot read counts as nothing here; pdfjs decides whether the file is readable. */
async function inflatedLength(data: Buffer, budget: number): Promise<number> {
  const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
  inflate.end(data);
  try {
    return await drainWithin(inflate, budget);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    return 0;
  }
}

export async function checkPdfStreams(bytes: Uint8Array): Promise<void> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('latin1');
  let total = 0;
  for (const match of text.matchAll(STREAM_START)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const before = text.slice(Math.max(0, match.index - DICTIONARY_SPAN), match.index);
    const dictionary = before.slice(Math.max(0, before.lastIndexOf(' obj')));
    if (!/\/FlateDecode\b/.test(dictionary) || /\/Subtype\s*\/Image\b/.test(dictionary)) continue;
    total += await inflatedLength(buffer.subarray(start, end), MAX_UNPACKED_BYTES - total);
  }
}
