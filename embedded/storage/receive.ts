// Receives an upload body (raw bytes or multipart/form-data, as storage-js sends either) straight
// into a temp file, counting and hashing as it goes, so no body is ever held in memory and an
// oversized one is refused as soon as it crosses the limit.
import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { errors } from './errors';
import { mimeAllowed, normalisedMimeType, parseMimeType } from '../../lib/files/content-type';

export interface Received {
  tmpPath: string;
  size: number;
  eTag: string;
  mimetype: string;
  cacheControl: string;
  userMetadata: Record<string, unknown> | null;
}

export interface ReceiveOptions {
  tmpDir: string;
  limit: number;
  allowedMimeTypes: string[] | null;
}

const DEFAULT_MIME = 'application/octet-stream';

export async function receiveUpload(req: IncomingMessage, opts: ReceiveOptions): Promise<Received> {
  mkdirSync(opts.tmpDir, { recursive: true });
  const tmpPath = path.join(opts.tmpDir, randomUUID());
  try {
    const contentType = String(req.headers['content-type'] ?? '');
    if (/^multipart\/form-data/i.test(contentType)) return await receiveMultipart(req, tmpPath, opts);
    return await receiveRaw(req, tmpPath, opts, contentType || DEFAULT_MIME);
  } catch (error) {
    rmSync(tmpPath, { force: true });
    throw error;
  }
}

async function receiveRaw(req: IncomingMessage, tmpPath: string, opts: ReceiveOptions, contentType: string): Promise<Received> {
  const mimetype = allowedMime(contentType, opts.allowedMimeTypes);
  const cacheControl = cacheControlOf(req.headers['cache-control']);
  const userMetadata = decodeMetadataHeader(req.headers['x-metadata']);
  // Refuse before reading a byte when the declared length already says no.
  if (Number(req.headers['content-length'] ?? 0) > opts.limit) throw errors.entityTooLarge();
  const { size, eTag } = await writeLimited(req, tmpPath, opts.limit).done;
  return {
    tmpPath,
    size,
    eTag,
    mimetype,
    cacheControl,
    userMetadata,
  };
}

function receiveMultipart(req: IncomingMessage, tmpPath: string, opts: ReceiveOptions): Promise<Received> {
  return new Promise<Received>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 64 * 1024, parts: 30 } });
    } catch {
      reject(errors.invalidRequest('Invalid multipart body'));
      return;
    }
    const fields = new Map<string, string>();
    let writer: Writer | undefined;
    let file: Promise<{ size: number; eTag: string; mimetype: string }> | undefined;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      // Reject only after the temp file is closed, so the caller's cleanup removes it for good.
      if (!writer) {
        reject(error);
        return;
      }
      writer.abort(error);
      writer.done.then(
        () => reject(error),
        () => reject(error),
      );
    };
    parser.on('field', (name, value) => fields.set(name, value));
    parser.on('file', (_name, stream, info) => {
      if (file) {
        stream.resume();
        return;
      }
      let mimetype: string;
      try {
        mimetype = allowedMime(info.mimeType || DEFAULT_MIME, opts.allowedMimeTypes);
      } catch (error) {
        stream.resume();
        fail(error);
        return;
      }
      writer = writeLimited(stream, tmpPath, opts.limit);
      file = writer.done.then((r) => ({ ...r, mimetype }));
      file.catch(fail);
    });
    parser.on('error', () => fail(errors.invalidRequest('Invalid multipart body')));
    parser.on('close', () => {
      if (settled) return;
      if (!file) {
        fail(errors.invalidRequest('No content provided'));
        return;
      }
      file.then((r) => {
        if (settled) return;
        let userMetadata: Record<string, unknown> | null;
        let cacheControl: string;
        try {
          userMetadata = parseMetadata(fields.get('metadata'));
          const cache = fields.get('cacheControl');
          cacheControl = cacheControlOf(cache ? `max-age=${cache}` : undefined);
        } catch (error) {
          fail(error);
          return;
        }
        settled = true;
        resolve({ tmpPath, ...r, cacheControl, userMetadata });
      }, fail);
    });
    req.on('error', fail);
    req.pipe(parser);
  });
}

interface Writer {
  done: Promise<{ size: number; eTag: string }>;
  /** Stops writing; `done` rejects with `error` once the file is closed. */
  abort(error: unknown): void;
}

/** Streams `source` into `file`, refusing past `limit` bytes, with back-pressure. */
function writeLimited(source: Readable, file: string, limit: number): Writer {
  let abort: (error: unknown) => void = () => undefined;
  const done = new Promise<{ size: number; eTag: string }>((resolve, reject) => {
    const out = createWriteStream(file, { flags: 'wx' });
    const hash = createHash('md5');
    let size = 0;
    let done = false;
    const stop = (error: unknown) => {
      if (done) return;
      done = true;
      source.off('data', onData);
      source.off('end', onEnd);
      // Reject only once the file is closed, so the caller's cleanup cannot race its creation.
      if (out.closed) reject(error);
      else {
        out.once('close', () => reject(error));
        out.destroy();
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop(errors.entityTooLarge());
        return;
      }
      hash.update(chunk);
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => source.resume());
      }
    };
    const onEnd = () => {
      if (done) return;
      out.end(() => {
        if (done) return;
        done = true;
        resolve({ size, eTag: `"${hash.digest('hex')}"` });
      });
    };
    abort = stop;
    source.on('data', onData);
    source.once('end', onEnd);
    source.once('error', () => stop(errors.invalidRequest('The upload was interrupted')));
    source.once('aborted', () => stop(errors.invalidRequest('The upload was interrupted')));
    out.once('error', (error) => stop(error));
  });
  return { done, abort: (error) => abort(error) };
}

/** Printable ASCII only: these values are sent back later as response headers. */
const HEADER_SAFE = /^[\x20-\x7e]{1,255}$/;

function cacheControlOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') return 'no-cache';
  if (!HEADER_SAFE.test(value)) throw errors.invalidRequest('Invalid cache-control');
  return value;
}

/** The upload's type, parsed, checked against the bucket's list and normalised for storing. */
function allowedMime(contentType: string, allowed: string[] | null): string {
  const mime = HEADER_SAFE.test(contentType) ? parseMimeType(contentType) : undefined;
  if (!mime) throw errors.invalidRequest('Invalid content-type');
  if (!mimeAllowed(mime, allowed)) throw errors.invalidMimeType(mime.essence);
  return normalisedMimeType(mime);
}

function decodeMetadataHeader(header: string | string[] | undefined): Record<string, unknown> | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  return parseMetadata(Buffer.from(value, 'base64').toString('utf8'));
}

function parseMetadata(text: string | undefined): Record<string, unknown> | null {
  if (text === undefined || text === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw errors.invalidRequest('Invalid metadata');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.invalidRequest('Invalid metadata');
  return parsed as Record<string, unknown>;
}
