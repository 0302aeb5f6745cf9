// Counting what compressed data inflates to without keeping it, stopping at a budget: the one
// measure behind the Word and PDF limits (lib/import/limits.ts).
import { ImportError } from '../errors';

/**
 * Reads `stream` to its end, dropping the bytes; refuses once more than `budget` came out. Pausing
 * holds back the producer (jszip's inflater, zlib), so nothing past the budget is inflated.
 */
export function drainWithin(stream: NodeJS.ReadableStream & { destroy?: () => void }, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let refused = false;
    stream.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.byteLength;
      if (size <= budget) return;
      refused = true;
      stream.pause();
      stream.destroy?.();
      reject(new ImportError('unpackedTooLarge'));
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(size));
  });
}
