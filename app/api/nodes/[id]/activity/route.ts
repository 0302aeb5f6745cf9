// A node's activity in plain words, newest first, in the user's language.
import { describeAll } from '@/lib/activity/describe';
import { nodeAuditRows } from '@/lib/activity/queries';
import { getNode } from '@/lib/map/queries';
import { nodeIdSchema } from '@/lib/map/schemas';
import { notFound, parseOrThrow, route } from '@/lib/request/route';

export const dynamic = 'force-dynamic';

export const GET = route<'owner', { id: string }>({ access: 'owner' }, async (ctx, _request, params) => {
  const id = parseOrThrow(nodeIdSchema, params.id);
  const found = await ctx.tx(async (tx) => {
    const node = await getNode(tx, id);
    return node ? { node, rows: await nodeAuditRows(tx, ctx.workspace.id, id) } : null;
  });
  if (!found) throw notFound();
  return Response.json({ items: describeAll(found.rows, found.node.kind, ctx.claims.sub, ctx.t, ctx.locale) });
});
