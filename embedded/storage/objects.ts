// The object routes storage-js calls. Every database step is one short transaction as the
// caller (RLS decides); file bytes move only outside transactions.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { HttpError, readJson, sendJson } from '../http';
import type { SigningKeys } from '../keys';
import { callerOf, type Caller } from './caller';
import { asCaller, type Tx } from './db';
import { errors, StorageError } from './errors';
import { FileStore, type ObjectMetadata } from './files';
import { receiveUpload } from './receive';

export interface Context {
  pool: pg.Pool;
  keys: SigningKeys;
  files: FileStore;
  /** Upper bound for any upload, like Storage's global upload limit. */
  maxUploadBytes: number;
}

interface BucketRow {
  id: string;
  public: boolean;
  file_size_limit: string | number | null;
  allowed_mime_types: string[] | null;
}

export const SIGN_ERROR = 'Either the object does not exist or you do not have access to it';

/** Bucket settings, read as the platform (Storage reads them as its own admin too). */
async function findBucket(ctx: Context, bucket: string): Promise<BucketRow> {
  const { rows } = await asCaller(ctx.pool, null, (tx) =>
    tx.query<BucketRow>('select id, public, file_size_limit, allowed_mime_types from storage.buckets where id = $1', [bucket]),
  );
  if (rows.length === 0) throw errors.noSuchBucket();
  return rows[0];
}

type WriteMode = 'create' | 'upsert' | 'update';

async function writeRow(
  tx: Tx,
  caller: Caller,
  mode: WriteMode,
  row: { bucket: string; key: string; version: string; metadata: unknown; userMetadata: unknown },
) {
  const params = [
    row.bucket,
    row.key,
    caller.userId,
    caller.sub,
    row.version,
    JSON.stringify(row.metadata),
    JSON.stringify(row.userMetadata),
  ];
  if (mode === 'update') {
    const { rows } = await tx.query<{ id: string }>(
      `update storage.objects set owner = $3, owner_id = $4, version = $5, metadata = $6::jsonb, user_metadata = $7::jsonb, updated_at = now()
       where bucket_id = $1 and name = $2 returning id`,
      params,
    );
    if (rows.length === 0) throw errors.noSuchKey();
    return rows[0].id;
  }
  const conflict =
    mode === 'upsert'
      ? `on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id, version = excluded.version,
           metadata = excluded.metadata, user_metadata = excluded.user_metadata, updated_at = now()`
      : '';
  const { rows } = await tx.query<{ id: string }>(
    `insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb) ${conflict} returning id`,
    params,
  );
  return rows[0].id;
}

export async function uploadObject(ctx: Context, req: IncomingMessage, res: ServerResponse, bucket: string, key: string, mode: WriteMode) {
  const caller = await callerOf(req, ctx);
  const settings = await findBucket(ctx, bucket);
  // Ask RLS first (and roll back), as Storage does, so a refused upload never reads the body.
  await asCaller(
    ctx.pool,
    caller,
    (tx) => writeRow(tx, caller, mode, { bucket, key, version: randomUUID(), metadata: {}, userMetadata: null }),
    {
      probe: true,
    },
  );
  const bucketLimit = settings.file_size_limit === null ? null : Number(settings.file_size_limit);
  const limit = bucketLimit && bucketLimit > 0 ? Math.min(bucketLimit, ctx.maxUploadBytes) : ctx.maxUploadBytes;
  const received = await receiveUpload(req, { tmpDir: ctx.files.tmpDir, limit, allowedMimeTypes: settings.allowed_mime_types });

  const version = randomUUID();
  const metadata: ObjectMetadata = {
    eTag: received.eTag,
    size: received.size,
    mimetype: received.mimetype,
    cacheControl: received.cacheControl,
    lastModified: new Date().toISOString(),
    contentLength: received.size,
    httpStatusCode: 200,
  };
  await ctx.files.place(received.tmpPath, bucket, version);
  let previous: string | null = null;
  let id: string;
  try {
    id = await asCaller(
      ctx.pool,
      caller,
      (tx) => writeRow(tx, caller, mode, { bucket, key, version, metadata, userMetadata: received.userMetadata }),
      {
        before: async (tx) => {
          const old = await tx.query<{ version: string | null }>(
            'select version from storage.objects where bucket_id = $1 and name = $2 for update',
            [bucket, key],
          );
          previous = old.rows[0]?.version ?? null;
        },
      },
    );
  } catch (error) {
    await ctx.files.remove(bucket, version);
    throw error;
  }
  if (previous && previous !== version) await ctx.files.remove(bucket, previous);
  sendJson(res, 200, { Id: id, Key: `${bucket}/${key}` });
}

interface ObjectRow {
  id: string;
  version: string | null;
  metadata: ObjectMetadata | null;
}

async function findObject(ctx: Context, caller: Caller | null, bucket: string, key: string): Promise<ObjectRow> {
  const { rows } = await asCaller(ctx.pool, caller, (tx) =>
    tx.query<ObjectRow>('select id, version, metadata from storage.objects where bucket_id = $1 and name = $2', [bucket, key]),
  );
  if (rows.length === 0) throw errors.noSuchKey();
  return rows[0];
}

export async function downloadObject(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  key: string,
  query: URLSearchParams,
) {
  const caller = await callerOf(req, ctx);
  const object = await findObject(ctx, caller, bucket, key);
  await ctx.files.serve(req, res, { bucket, name: key, version: object.version, metadata: object.metadata }, query.get('download'));
}

export async function downloadPublicObject(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  key: string,
  query: URLSearchParams,
) {
  const settings = await findBucket(ctx, bucket);
  if (!settings.public) throw errors.noSuchBucket();
  const object = await findObject(ctx, null, bucket, key);
  await ctx.files.serve(req, res, { bucket, name: key, version: object.version, metadata: object.metadata }, query.get('download'));
}

export async function objectInfo(ctx: Context, req: IncomingMessage, res: ServerResponse, bucket: string, key: string) {
  const caller = await callerOf(req, ctx);
  const { rows } = await asCaller(ctx.pool, caller, (tx) =>
    tx.query(
      'select id, name, version, bucket_id, metadata, user_metadata, created_at, updated_at from storage.objects where bucket_id = $1 and name = $2',
      [bucket, key],
    ),
  );
  if (rows.length === 0) throw errors.noSuchKey();
  const row = rows[0];
  const meta = (row.metadata ?? {}) as ObjectMetadata;
  sendJson(res, 200, {
    id: row.id,
    name: row.name,
    version: row.version,
    bucket_id: row.bucket_id,
    size: meta.size ?? null,
    content_type: meta.mimetype ?? null,
    cache_control: meta.cacheControl ?? null,
    etag: meta.eTag ?? null,
    metadata: row.user_metadata,
    last_modified: meta.lastModified ?? row.updated_at,
    created_at: row.created_at,
  });
}

async function jsonBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Record<string, unknown>> {
  try {
    return await readJson(req, limit);
  } catch (error) {
    if (error instanceof HttpError) throw new StorageError(error.status, 'InvalidRequest', 'InvalidRequest', error.message);
    throw error;
  }
}

function stringArray(value: unknown, field: string, max: number): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw errors.invalidRequest(`body/${field} must be an array of strings`);
  if (value.length === 0) throw errors.invalidRequest(`body/${field} must NOT have fewer than 1 items`);
  if (value.length > max) throw errors.invalidRequest(`body/${field} must NOT have more than ${max} items`);
  return value as string[];
}

export async function removeObjects(ctx: Context, req: IncomingMessage, res: ServerResponse, bucket: string) {
  const caller = await callerOf(req, ctx);
  const body = await jsonBody(req);
  const prefixes = stringArray(body.prefixes, 'prefixes', 1000);
  // RLS hides what the caller may not delete: those names are simply not removed, as on Storage.
  // Hosted Storage's own delete passes its platform guard (storage.protect_delete) this way.
  const { rows } = await asCaller(
    ctx.pool,
    caller,
    (tx) =>
      tx.query(
        `delete from storage.objects where bucket_id = $1 and name = any($2::text[])
         returning bucket_id, name, owner, owner_id, id, version, created_at, updated_at, last_accessed_at, metadata, user_metadata`,
        [bucket, prefixes],
      ),
    { before: (tx) => tx.query(`select set_config('storage.allow_delete_query', 'true', true)`).then(() => undefined) },
  );
  for (const row of rows) await ctx.files.remove(bucket, row.version as string | null);
  sendJson(res, 200, rows);
}

const SORT_COLUMNS = new Set(['name', 'updated_at', 'created_at', 'last_accessed_at']);

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function intIn(value: unknown, fallback: number, min: number, max: number, field: string): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw errors.invalidRequest(`body/${field} must be an integer between ${min} and ${max}`);
  }
  return value;
}

export async function listObjects(ctx: Context, req: IncomingMessage, res: ServerResponse, bucket: string) {
  const caller = await callerOf(req, ctx);
  const body = await jsonBody(req, 64 * 1024);
  const prefixRaw = body.prefix ?? '';
  const search = body.search ?? '';
  if (typeof prefixRaw !== 'string' || typeof search !== 'string')
    throw errors.invalidRequest('body/prefix and body/search must be strings');
  const limit = intIn(body.limit, 100, 1, 1000, 'limit');
  const offset = intIn(body.offset, 0, 0, 1_000_000_000, 'offset');
  const sortBy = (body.sortBy ?? {}) as { column?: unknown; order?: unknown };
  const column = sortBy.column ?? 'name';
  const order = String(sortBy.order ?? 'asc').toLowerCase();
  if (typeof column !== 'string' || !SORT_COLUMNS.has(column)) throw errors.invalidRequest('body/sortBy/column is not a sortable column');
  if (order !== 'asc' && order !== 'desc') throw errors.invalidRequest('body/sortBy/order must be asc or desc');

  const prefix = prefixRaw === '' || prefixRaw.endsWith('/') ? prefixRaw : `${prefixRaw}/`;
  const level = prefix.split('/').length;
  const pattern = `${likeEscape(prefix)}${likeEscape(search)}%`;
  // Folders first (one entry per next path segment), then the files at this level, as
  // storage.search answers. Column and order come from the allow-lists above.
  const sql = `
    with matched as (
      select * from storage.objects where bucket_id = $1 and name ilike $2 escape '\\'
    ), entries as (
      select path_tokens[$3] as name, null::uuid as id, null::timestamptz as updated_at, null::timestamptz as created_at,
             null::timestamptz as last_accessed_at, null::jsonb as metadata, 0 as kind
        from matched where array_length(path_tokens, 1) > $3 group by path_tokens[$3]
      union all
      select path_tokens[$3], id, updated_at, created_at, last_accessed_at, metadata, 1
        from matched where array_length(path_tokens, 1) = $3
    )
    select name, id, updated_at, created_at, last_accessed_at, metadata from entries
    order by kind, (case when kind = 0 then name end) collate "C" ${order}, ${column === 'name' ? 'name collate "C"' : column} ${order} nulls last, name collate "C"
    limit $4 offset $5`;
  const { rows } = await asCaller(ctx.pool, caller, (tx) => tx.query(sql, [bucket, pattern, level, limit, offset]));
  sendJson(res, 200, rows);
}

/**
 * Hosted Storage signs URLs for as long as asked; the stand-in caps them at a week, so a link
 * that leaks (a log, a forwarded mail) stops working soon. The app itself asks for a minute.
 */
export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 3600;

function expiresInOf(body: Record<string, unknown>): number {
  const value = body.expiresIn;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) throw errors.invalidRequest('body/expiresIn must be >= 1');
  return Math.min(Math.floor(value), MAX_SIGNED_URL_SECONDS);
}

function signedPath(bucket: string, key: string, token: string): string {
  return `/object/sign/${bucket}/${key}?token=${token}`;
}

export async function signObject(ctx: Context, req: IncomingMessage, res: ServerResponse, bucket: string, key: string) {
  const caller = await callerOf(req, ctx);
  const expiresIn = expiresInOf(await jsonBody(req, 64 * 1024));
  await findObject(ctx, caller, bucket, key);
  const token = await ctx.keys.sign({ url: `${bucket}/${key}` }, expiresIn);
  sendJson(res, 200, { signedURL: signedPath(bucket, key, token) });
}

export async function signObjects(ctx: Context, req: IncomingMessage, res: ServerResponse, bucket: string) {
  const caller = await callerOf(req, ctx);
  const body = await jsonBody(req);
  const expiresIn = expiresInOf(body);
  const paths = stringArray(body.paths, 'paths', 1000);
  const { rows } = await asCaller(ctx.pool, caller, (tx) =>
    tx.query<{ name: string }>('select name from storage.objects where bucket_id = $1 and name = any($2::text[])', [bucket, paths]),
  );
  const visible = new Set(rows.map((r) => r.name));
  const out = [];
  for (const p of paths) {
    if (!visible.has(p)) {
      out.push({ error: SIGN_ERROR, path: p, signedURL: null });
      continue;
    }
    const token = await ctx.keys.sign({ url: `${bucket}/${p}` }, expiresIn);
    out.push({ error: null, path: p, signedURL: signedPath(bucket, p, token) });
  }
  sendJson(res, 200, out);
}

/** GET of a signed URL: the token is the only credential, as on Storage. */
export async function downloadSigned(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  key: string,
  query: URLSearchParams,
) {
  const token = query.get('token');
  if (!token) throw errors.invalidJwt('Missing token');
  let claims: Record<string, unknown>;
  try {
    claims = (await ctx.keys.verify(token)) as Record<string, unknown>;
  } catch (error) {
    const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw errors.invalidJwt(expired ? 'jwt expired' : 'invalid signature');
  }
  if (claims.url !== `${bucket}/${key}`) throw new StorageError(400, 'InvalidSignature', 'InvalidSignature', 'Invalid signature');
  const object = await findObject(ctx, null, bucket, key);
  await ctx.files.serve(req, res, { bucket, name: key, version: object.version, metadata: object.metadata }, query.get('download'));
}

export async function listBuckets(ctx: Context, req: IncomingMessage, res: ServerResponse) {
  const caller = await callerOf(req, ctx);
  const { rows } = await asCaller(ctx.pool, caller, (tx) =>
    tx.query(
      'select id, name, owner, public, file_size_limit, allowed_mime_types, type, created_at, updated_at from storage.buckets order by name',
    ),
  );
  sendJson(res, 200, rows.map(bucketJson));
}

export async function getBucket(ctx: Context, req: IncomingMessage, res: ServerResponse, bucket: string) {
  const caller = await callerOf(req, ctx);
  const { rows } = await asCaller(ctx.pool, caller, (tx) =>
    tx.query(
      'select id, name, owner, public, file_size_limit, allowed_mime_types, type, created_at, updated_at from storage.buckets where id = $1',
      [bucket],
    ),
  );
  if (rows.length === 0) throw errors.noSuchBucket();
  sendJson(res, 200, bucketJson(rows[0]));
}

function bucketJson(row: Record<string, unknown>) {
  return { ...row, file_size_limit: row.file_size_limit === null ? null : Number(row.file_size_limit) };
}
