// A ZIP of archived invoice PDFs, streamed: one file is fetched, checked against its recorded
// SHA-256 and handed to the archive, and the next is fetched only once the archive has taken it
// (archiver's 'entry'), which waits while the reader is slow. Memory stays at about one PDF
// however many invoices the period has.
import { once } from 'node:events';
import { ZipArchive } from 'archiver';
import { sha256Hex } from '@/lib/invoices/send';

export interface ZipItem {
  name: string;
  sha256: string | null;
  load: () => Promise<Uint8Array>;
}

export class ArchiveIntegrityError extends Error {
  constructor(readonly name: string) {
    super(`The archived file ${name} does not match its recorded SHA-256`);
  }
}

/** The archive as a Node stream; an error in a download ends the stream with that error. */
export function zipStream(items: Iterable<ZipItem> | AsyncIterable<ZipItem>): ZipArchive {
  // PDFs are compressed already: storing them is as small and much cheaper.
  const archive = new ZipArchive({ store: true });
  void (async () => {
    try {
      for await (const item of items) {
        const data = Buffer.from(await item.load());
        if (item.sha256 && sha256Hex(data) !== item.sha256) throw new ArchiveIntegrityError(item.name);
        const taken = once(archive, 'entry');
        archive.append(data, { name: item.name });
        await taken;
      }
      await archive.finalize();
    } catch (error) {
      archive.destroy(error as Error);
    }
  })();
  return archive;
}
