// Files on nodes, in the documents bucket, through the user's own Storage session (Storage RLS
// decides). The node is looked up first in a short transaction (another tenant's node: not found);
// Storage is only called after that transaction has ended.
import type { RequestContext } from '@/lib/request/context';
import { notFound, Refused as HttpError } from '@/lib/request/route';
import { createClient } from '@/lib/supabase/server';
import type { UploadLimits } from './limits';
import { nodeFolder } from './names';

export const BUCKET = 'documents';
/** Signed download links live this long (seconds). */
export const SIGNED_URL_SECONDS = 60;

export interface StoredFile {
  name: string;
  size: number;
  type: string;
  createdAt: string | null;
}

export interface NodeFiles {
  folder: string;
  limits: UploadLimits;
}

/** The node's folder and the bucket's limits; "not found" when the node is not the user's. */
export async function nodeFiles(ctx: Pick<RequestContext<'owner'>, 'tx' | 'workspace'>, nodeId: string): Promise<NodeFiles> {
  const found = await ctx.tx(async (tx) => {
    // Whether the node exists for the user (RLS); its body may be long and is not needed here.
    const node = await tx.query('select 1 from public.nodes where id = $1', [nodeId]);
    if (!node.rowCount) return null;
    const { rows } = await tx.query<{ file_size_limit: string | null; allowed_mime_types: string[] | null }>(
      'select file_size_limit, allowed_mime_types from public.document_upload_limits()',
    );
    return { workspaceId: ctx.workspace.id, limits: rows[0] };
  });
  if (!found) throw notFound();
  return {
    folder: nodeFolder(found.workspaceId, nodeId),
    limits: {
      maxBytes: found.limits?.file_size_limit ? Number(found.limits.file_size_limit) : null,
      allowedTypes: found.limits?.allowed_mime_types ?? null,
    },
  };
}

function storageFailure(error: { message?: string; statusCode?: string | number; status?: number }): never {
  const status = Number(error.statusCode ?? error.status ?? 500);
  if (status === 404 || /not.?found/i.test(error.message ?? '')) throw new HttpError(404, 'map.files.notFound');
  console.error('Storage failed:', status, error.message);
  throw new HttpError(502, 'map.files.storageFailed');
}

export async function listFiles(folder: string): Promise<StoredFile[]> {
  const supabase = await createClient();
  const { data, error } = await supabase.storage.from(BUCKET).list(folder, { limit: 1000, sortBy: { column: 'name', order: 'asc' } });
  if (error) storageFailure(error);
  return (data ?? [])
    .filter((f) => f.id !== null)
    .map((f) => ({
      name: f.name,
      size: Number((f.metadata as { size?: number } | null)?.size ?? 0),
      type: String((f.metadata as { mimetype?: string } | null)?.mimetype ?? ''),
      createdAt: f.created_at ?? null,
    }));
}

/** Uploads a stream; the Storage error, if any, is returned for the caller to explain. */
export async function uploadFile(path: string, body: ReadableStream<Uint8Array>, contentType: string) {
  const supabase = await createClient();
  const { error } = await supabase.storage.from(BUCKET).upload(path, body, { contentType, upsert: false, duplex: 'half' });
  return error as (Error & { statusCode?: string | number; status?: number }) | null;
}

export async function removeFile(path: string) {
  const supabase = await createClient();
  const { data, error } = await supabase.storage.from(BUCKET).remove([path]);
  if (error) storageFailure(error);
  if (!data?.length) throw new HttpError(404, 'map.files.notFound');
}

export async function signedDownloadUrl(path: string, downloadName: string): Promise<string> {
  const supabase = await createClient();
  const { data, error } = await supabase.storage.from(BUCKET).createSignedUrl(path, SIGNED_URL_SECONDS, { download: downloadName });
  if (error || !data) storageFailure(error ?? {});
  return data.signedUrl;
}
