// ZIP containers (Word files) are checked before anything reads their contents: the central
// directory (entry count, declared sizes), then the real inflated size, streamed and dropped,
// stopping at the limit even when the directory lies. Only then does mammoth unpack the file.
import JSZip from 'jszip';
import { ImportError } from '../errors';
import { MAX_ARCHIVE_ENTRIES, MAX_UNPACKED_BYTES } from '../limits';
import { drainWithin } from './inflate';

/** jszip keeps the central directory's sizes on a private field (see its index.d.ts). */
function declaredSize(entry: JSZip.JSZipObject): number {
  const size = (entry as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  return typeof size === 'number' ? size : 0;
}

/** Inflates one entry without keeping it; refuses once `budget` bytes have come out. */
async function inflatedSize(entry: JSZip.JSZipObject, budget: number): Promise<number> {
  try {
    return await drainWithin(entry.nodeStream('nodebuffer'), budget);
  } catch (error) {
    throw error instanceof ImportError ? error : new ImportError('corrupt');
  }
}

/**
 * Refuses (ImportError 'tooManyEntries' / 'unpackedTooLarge', answered 413) a ZIP that would
 * unpack past the limits; `skip` names entries the reader never unpacks, which are not counted.
 */
export async function checkArchive(bytes: Uint8Array, skip: (name: string) => boolean): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new ImportError('corrupt');
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > MAX_ARCHIVE_ENTRIES) throw new ImportError('tooManyEntries');
  const read = entries.filter((entry) => !skip(entry.name));
  if (read.reduce((sum, entry) => sum + declaredSize(entry), 0) > MAX_UNPACKED_BYTES) throw new ImportError('unpackedTooLarge');
  let total = 0;
  for (const entry of read) total += await inflatedSize(entry, MAX_UNPACKED_BYTES - total);
}
