// What a timer can be started on, for the header's start menu: read when the menu opens, not with
// every page's frame (an owner with hundreds of nodes paid for the list on each page).
import { route } from '@/lib/request/route';
import { listTimeNodes } from '@/lib/time/nodes';

export const dynamic = 'force-dynamic';

export const GET = route({ access: 'owner' }, async (ctx) =>
  Response.json({ nodes: await ctx.tx((tx) => listTimeNodes(tx, ctx.workspace.id)) }, { headers: { 'cache-control': 'no-store' } }),
);
