// A node's activity in plain words, newest first, in the user's language.
import { describeAll } from '@/lib/activity/describe';
import { nodeAuditRows } from '@/lib/activity/queries';
import { withUserTransaction } from '@/lib/db/transaction';
import { handleRoute, notFound, parseOrThrow } from '@/lib/map/http';
import { getNode } from '@/lib/map/queries';
import { nodeIdSchema } from '@/lib/map/schemas';
import { ownedWorkspace } from '@/lib/map/workspace';

export const dynamic = 'force-dynamic';

export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async ({ claims, t, locale }) => {
    const id = parseOrThrow(nodeIdSchema, (await params).id);
    const found = await withUserTransaction(claims, async (tx, workspace) => {
      const node = await getNode(tx, id);
      return node ? { node, rows: await nodeAuditRows(tx, ownedWorkspace(workspace), id) } : null;
    });
    if (!found) throw notFound();
    return Response.json({ items: describeAll(found.rows, found.node.kind, claims.sub, t, locale) });
  });
}
