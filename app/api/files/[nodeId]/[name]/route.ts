// One file on a node: download through a short-lived signed URL (a redirect), or delete it.
import { nodeFiles, removeFile, signedDownloadUrl } from '@/lib/files/storage';
import { HttpError, handleRoute, parseOrThrow } from '@/lib/map/http';
import { nodeIdSchema } from '@/lib/map/schemas';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ nodeId: string; name: string }> };

async function filePath(claims: Parameters<typeof nodeFiles>[0], params: Params['params']) {
  const { nodeId, name: raw } = await params;
  const id = parseOrThrow(nodeIdSchema, nodeId);
  let name = '';
  try {
    name = decodeURIComponent(raw);
  } catch {}
  if (!name || name.includes('/') || name.startsWith('.')) throw new HttpError(404, 'map.files.notFound');
  const { folder } = await nodeFiles(claims, id);
  return { path: `${folder}/${name}`, name };
}

export function GET(_request: Request, { params }: Params) {
  return handleRoute(async ({ claims }) => {
    const { path, name } = await filePath(claims, params);
    const url = await signedDownloadUrl(path, name);
    return new Response(null, { status: 303, headers: { location: url, 'cache-control': 'no-store' } });
  });
}

export function DELETE(_request: Request, { params }: Params) {
  return handleRoute(async ({ claims }) => {
    const { path } = await filePath(claims, params);
    await removeFile(path);
    return new Response(null, { status: 204 });
  });
}
