// POST the reviewed proposal → the nodes created, in one transaction as the owner.
import { acceptProposal } from '@/lib/import/accept';
import { importRefusal } from '@/lib/import/request';
import { AcceptSchema } from '@/lib/import/schemas';
import { route } from '@/lib/request/route';

export const runtime = 'nodejs';

export const POST = route({ access: 'owner', refusal: importRefusal }, async (ctx, request) => {
  const input = AcceptSchema.parse(await request.json());
  return Response.json(await ctx.tx((tx) => acceptProposal(tx, ctx.workspace, input)));
});
