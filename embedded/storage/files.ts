// Where bytes live: `filesDir/<bucket>/<version>`, one file per object version. The row's
// `version` points at its file, so a file is moved into place before its row commits (a crash
// leaves at most an orphan file, never a row without bytes) and an old version's file is deleted
// only after the row that replaced it committed.
import { createReadStream, rmSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileResponseHeaders } from '../../lib/files/content-type';
import { errors } from './errors';

/** Upload temp files; `%tmp` can never be an encoded bucket name (`%` always starts a hex escape there). */
export const TMP_DIR_NAME = '%tmp';

export class FileStore {
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, TMP_DIR_NAME);
    // Temp files belong to uploads of this process only; any left are from a crash.
    rmSync(this.tmpDir, { recursive: true, force: true });
  }

  pathOf(bucket: string, version: string): string {
    const dir = encodeURIComponent(bucket);
    if (!/^[0-9a-f-]{36}$/.test(version) || dir === '.' || dir === '..') throw errors.noSuchKey();
    return path.join(this.root, dir, version);
  }

  async place(tmpPath: string, bucket: string, version: string): Promise<void> {
    const target = this.pathOf(bucket, version);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(tmpPath, target);
  }

  async remove(bucket: string, version: string | null | undefined): Promise<void> {
    if (!version) return;
    try {
      await rm(this.pathOf(bucket, version), { force: true });
    } catch {
      // An orphan file costs disk space only; the row is already gone.
    }
  }

  /** Sends an object's bytes with the headers Storage sends. */
  async serve(
    req: IncomingMessage,
    res: ServerResponse,
    object: { bucket: string; name: string; version: string | null; metadata: ObjectMetadata | null },
    download: string | null,
  ): Promise<void> {
    if (!object.version) throw errors.noSuchKey();
    let handle;
    try {
      handle = await open(this.pathOf(object.bucket, object.version), 'r');
    } catch {
      // The row exists but its version was replaced between our read and now.
      throw errors.noSuchKey();
    }
    const { size } = await handle.stat();
    // Metadata may have been written by SQL rather than by us: only well-formed values go out.
    const meta = object.metadata ?? {};
    const safe = (value: unknown) => (typeof value === 'string' && /^[\x20-\x7e]{1,255}$/.test(value) ? value : undefined);
    const headers: Record<string, string | number> = {
      // Nothing uploaded may render as a page in the API's origin: see fileResponseHeaders.
      ...fileResponseHeaders(safe(meta.mimetype), download === null ? undefined : contentDisposition(download)),
      'content-length': size,
      'cache-control': safe(meta.cacheControl) ?? 'no-cache',
    };
    const eTag = safe(meta.eTag);
    if (eTag) headers.etag = eTag;
    const lastModified = new Date(String(meta.lastModified ?? ''));
    if (!Number.isNaN(lastModified.getTime())) headers['last-modified'] = lastModified.toUTCString();
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      await handle.close();
      res.end();
      return;
    }
    try {
      await pipeline(createReadStream('', { fd: handle }), res);
    } catch {
      // The client went away mid-download; nothing to answer.
    }
  }
}

export interface ObjectMetadata {
  eTag?: string;
  size?: number;
  mimetype?: string;
  cacheControl?: string;
  lastModified?: string;
  contentLength?: number;
  httpStatusCode?: number;
}

/** Storage's Content-Disposition for `?download` (empty) and `?download=name`. */
function contentDisposition(name: string): string {
  if (name === '') return 'attachment;';
  const encoded = encodeURIComponent(name);
  return `attachment; filename=${encoded}; filename*=UTF-8''${encoded};`;
}
