// The embedded Storage API: the routes of Supabase Storage that @supabase/supabase-js calls,
// mounted by the gateway at /storage/v1. RLS policies on storage.objects decide access.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import type { ServiceHandler } from '../api-server';
import { dropUnreadBody, sendJson } from '../http';
import type { SigningKeys } from '../keys';
import { errors, sendStorageError, StorageError } from './errors';
import { FileStore } from './files';
import { bucketAndKey, decodePath, mustBeValidBucketName } from './names';
import * as objects from './objects';
import type { Context } from './objects';

export interface StorageApiOptions {
  pool: pg.Pool;
  keys: SigningKeys;
  filesDir: string;
  apiUrl: string;
  /** Global upload cap in bytes (hosted Storage defaults to 50 MB). */
  maxUploadBytes?: number;
}

/**
 * After an early refusal, read and drop at most this much more of the body before hanging up.
 * Clients hang up themselves once they have the answer (undici does), so this only bounds a
 * client that never reads it.
 */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export function createStorageApi(opts: StorageApiOptions): ServiceHandler {
  const ctx: Context = {
    pool: opts.pool,
    keys: opts.keys,
    files: new FileStore(opts.filesDir),
    maxUploadBytes: opts.maxUploadBytes ?? 50 * 1024 * 1024,
  };
  return async (req, res, subpath) => {
    try {
      await route(ctx, req, res, subpath);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof StorageError) {
        respondRefused(req, res, error);
        return;
      }
      console.error(`[embedded storage] ${req.method} ${subpath}:`, error);
      respondRefused(req, res, new StorageError(500, 'InternalError', 'internal', 'Internal server error'));
    }
  };
}

/**
 * Answers an error. When the request body was not read to its end (an oversized or refused
 * upload), the rest is dropped as it arrives, never stored: closing the socket at once would
 * reset the connection before the client has read the answer.
 */
function respondRefused(req: IncomingMessage, res: ServerResponse, error: StorageError) {
  dropUnreadBody(req, DRAIN_LIMIT);
  sendStorageError(res, error);
}

async function route(ctx: Context, req: IncomingMessage, res: ServerResponse, subpath: string) {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query = url.searchParams;
  const parts = subpath.replace(/^\//, '');

  if (parts === 'bucket' && method === 'GET') return objects.listBuckets(ctx, req, res);
  if (parts.startsWith('bucket/') && method === 'GET') {
    return objects.getBucket(ctx, req, res, mustBeValidBucketName(decodePath(parts.slice('bucket/'.length))));
  }
  if (parts === 'health' || parts === 'status') return sendJson(res, 200, { healthy: true });
  if (!parts.startsWith('object/')) throw errors.notFound();
  const rest = parts.slice('object/'.length);

  const under = (prefix: string) => (rest.startsWith(prefix) ? rest.slice(prefix.length) : null);
  let tail: string | null;

  if ((tail = under('list/')) !== null && method === 'POST') {
    return objects.listObjects(ctx, req, res, mustBeValidBucketName(decodePath(tail)));
  }
  if ((tail = under('sign/')) !== null) {
    if (!tail.includes('/')) {
      if (method !== 'POST') throw errors.notFound();
      return objects.signObjects(ctx, req, res, mustBeValidBucketName(decodePath(tail)));
    }
    const { bucket, key } = bucketAndKey(tail);
    if (method === 'POST') return objects.signObject(ctx, req, res, bucket, key);
    if (method === 'GET' || method === 'HEAD') return objects.downloadSigned(ctx, req, res, bucket, key, query);
    throw errors.notFound();
  }
  if ((tail = under('public/')) !== null && (method === 'GET' || method === 'HEAD')) {
    const { bucket, key } = bucketAndKey(tail);
    return objects.downloadPublicObject(ctx, req, res, bucket, key, query);
  }
  if ((tail = under('authenticated/')) !== null && (method === 'GET' || method === 'HEAD')) {
    const { bucket, key } = bucketAndKey(tail);
    return objects.downloadObject(ctx, req, res, bucket, key, query);
  }
  if ((tail = under('info/')) !== null && method === 'GET') {
    const { bucket, key } = bucketAndKey(tail.replace(/^(authenticated|public)\//, ''));
    return objects.objectInfo(ctx, req, res, bucket, key);
  }
  if (!rest.includes('/')) {
    if (method === 'DELETE') return objects.removeObjects(ctx, req, res, mustBeValidBucketName(decodePath(rest)));
    throw errors.notFound();
  }
  const { bucket, key } = bucketAndKey(rest);
  switch (method) {
    case 'POST':
      return objects.uploadObject(ctx, req, res, bucket, key, upsertHeader(req) ? 'upsert' : 'create');
    case 'PUT':
      return objects.uploadObject(ctx, req, res, bucket, key, 'update');
    case 'GET':
    case 'HEAD':
      return objects.downloadObject(ctx, req, res, bucket, key, query);
    default:
      throw errors.notFound();
  }
}

function upsertHeader(req: IncomingMessage): boolean {
  return String(req.headers['x-upsert'] ?? '').toLowerCase() === 'true';
}
