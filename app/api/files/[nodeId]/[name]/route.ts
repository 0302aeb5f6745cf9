// One file on a node: download through a short-lived signed URL (a redirect), or delete it.
import { safeFileName } from '@/lib/files/names';
import { nodeFiles, removeFile, signedDownloadUrl } from '@/lib/files/storage';
import { nodeIdSchema } from '@/lib/map/schemas';
import type { RequestContext } from '@/lib/request/context';
import { parseOrThrow, Refused, route } from '@/lib/request/route';

export const dynamic = 'force-dynamic';

type Params = { nodeId: string; name: string };

async function filePath(ctx: RequestContext<'owner'>, { nodeId, name: raw }: Params) {
  const id = parseOrThrow(nodeIdSchema, nodeId);
  let name = '';
  try {
    name = decodeURIComponent(raw);
  } catch {
    // malformed percent-encoding: no such file (below)
  }
  // Uploads store only names safeFileName gives: any other name (a slash, a leading dot, a control
  // character, …) names no file, and never reaches Storage.
  if (!name || safeFileName(name) !== name) throw new Refused(404, 'map.files.notFound');
  const { folder } = await nodeFiles(ctx, id);
  return { path: `${folder}/${name}`, name };
}

export const GET = route<'owner', Params>({ access: 'owner' }, async (ctx, _request, params) => {
  const { path, name } = await filePath(ctx, params);
  const url = await signedDownloadUrl(path, name);
  return new Response(null, { status: 303, headers: { location: url, 'cache-control': 'no-store' } });
});

export const DELETE = route<'owner', Params>({ access: 'owner' }, async (ctx, _request, params) => {
  const { path } = await filePath(ctx, params);
  await removeFile(path);
  return new Response(null, { status: 204 });
});
