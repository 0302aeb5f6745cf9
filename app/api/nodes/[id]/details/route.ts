// A client node's invoicing details as the side panel's form shows them (saved by a server action).
import { getClientDetailsForm } from '@/lib/map/client-details';
import { nodeIdSchema } from '@/lib/map/schemas';
import { notFound, parseOrThrow, route } from '@/lib/request/route';

export const dynamic = 'force-dynamic';

export const GET = route<'member', { id: string }>({ access: 'member' }, async (ctx, _request, params) => {
  const id = parseOrThrow(nodeIdSchema, params.id);
  const details = await ctx.tx((tx) => getClientDetailsForm(tx, id));
  if (!details) throw notFound();
  return Response.json({ details });
});
