// The mind-map's nodes: list the workspace's nodes, create one (under a parent or at the root).
import { createNode, listNodes } from '@/lib/map/queries';
import { createNodeSchema } from '@/lib/map/schemas';
import { parseOrThrow, readJson, route } from '@/lib/request/route';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'owner' }, async (ctx) =>
  Response.json({ nodes: await ctx.tx((tx) => listNodes(tx, ctx.workspace.id)) }),
);

export const POST = route({ access: 'owner' }, async (ctx, request) => {
  const input = parseOrThrow(createNodeSchema, await readJson(request));
  // A parent in another workspace fails the composite foreign key: "not found", never a leak.
  const node = await ctx.tx((tx) => createNode(tx, ctx.workspace.id, input));
  return Response.json({ node }, { status: 201 });
});
