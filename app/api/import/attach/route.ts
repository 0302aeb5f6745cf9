// POST one uploaded document (raw body) to keep it on a client node: checked again, then stored
// in the documents bucket under {workspace_id}/{node_id}/ with the user's session (Storage RLS).
import { attachDocument } from '@/lib/import/attach';
import { fileFromRequest, importRefusal } from '@/lib/import/request';
import { route } from '@/lib/request/route';

export const runtime = 'nodejs';

export const POST = route({ access: 'owner', refusal: importRefusal }, async (ctx, request) => {
  const nodeId = new URL(request.url).searchParams.get('node') ?? '';
  const file = await fileFromRequest(request);
  return Response.json(await attachDocument(ctx, nodeId, file));
});
