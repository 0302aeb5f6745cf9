// One node: read it, or save a change (autosave sends title, body, position, colour or archived).
import { withUserTransaction } from '@/lib/db/transaction';
import { handleRoute, notFound, parseOrThrow, readJson } from '@/lib/map/http';
import { getNode, updateNode } from '@/lib/map/queries';
import { nodeIdSchema, nodePatchSchema } from '@/lib/map/schemas';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export function GET(_request: Request, { params }: Params) {
  return handleRoute(async ({ claims }) => {
    const id = parseOrThrow(nodeIdSchema, (await params).id);
    const node = await withUserTransaction(claims, (tx) => getNode(tx, id));
    if (!node) throw notFound();
    return Response.json({ node });
  });
}

export function PATCH(request: Request, { params }: Params) {
  return handleRoute(async ({ claims }) => {
    const id = parseOrThrow(nodeIdSchema, (await params).id);
    const patch = parseOrThrow(nodePatchSchema, await readJson(request));
    const node = await withUserTransaction(claims, (tx) => updateNode(tx, id, patch));
    if (!node) throw notFound();
    return Response.json({ node });
  });
}
