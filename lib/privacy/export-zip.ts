// The ZIP variant of the export: data.json plus every file the user owns, fetched one at a time
// through the user's Storage session (Storage RLS decides), outside any database transaction, and
// streamed: at most one file is held in memory.
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { ZipArchive } from 'archiver';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { DataExport } from './export';

export function exportZipStream(data: DataExport, storage: SupabaseClient['storage']): ReadableStream<Uint8Array> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const fill = async () => {
    archive.append(JSON.stringify(data, null, 2), { name: 'data.json' });
    await once(archive, 'entry');
    for (const file of data.files) {
      const { data: blob, error } = await storage.from(file.bucket).download(file.name);
      if (error || !blob) throw new Error(`Export: ${file.bucket}/${file.name} could not be read (${error?.message ?? 'empty'})`);
      archive.append(Buffer.from(await blob.arrayBuffer()), { name: `files/${file.bucket}/${file.name}` });
      await once(archive, 'entry');
    }
    await archive.finalize();
  };
  fill().catch((error: unknown) => archive.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(archive) as ReadableStream<Uint8Array>;
}
