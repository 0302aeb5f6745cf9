// One node: read it, or save a change (autosave sends title, body, position, colour or archived).
import { getNode, updateNode } from '@/lib/map/queries';
import { nodeIdSchema, nodePatchSchema } from '@/lib/map/schemas';
import { notFound, parseOrThrow, readJson, route } from '@/lib/request/route';

export const dynamic = 'force-dynamic';

// RLS decides which nodes exist for the user (an accountant sees none: "not found").
export const GET = route<'member', { id: string }>({ access: 'member' }, async (ctx, _request, params) => {
  const id = parseOrThrow(nodeIdSchema, params.id);
  const node = await ctx.tx((tx) => getNode(tx, id));
  if (!node) throw notFound();
  return Response.json({ node });
});

export const PATCH = route<'member', { id: string }>({ access: 'member' }, async (ctx, request, params) => {
  const id = parseOrThrow(nodeIdSchema, params.id);
  const patch = parseOrThrow(nodePatchSchema, await readJson(request));
  const node = await ctx.tx((tx) => updateNode(tx, id, patch));
  if (!node) throw notFound();
  return Response.json({ node });
});
