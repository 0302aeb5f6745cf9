// POST one uploaded document (raw body) to keep it on a client node: checked again, then stored
// in the documents bucket under {workspace_id}/{node_id}/ with the user's session (Storage RLS).
import { attachDocument } from '@/lib/import/attach';
import { fileFromRequest, importRoute } from '@/lib/import/http';

export const runtime = 'nodejs';

export const POST = importRoute(async (request, claims) => {
  const nodeId = new URL(request.url).searchParams.get('node') ?? '';
  const file = await fileFromRequest(request);
  return attachDocument(claims, nodeId, file);
});
