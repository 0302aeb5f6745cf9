// POST the reviewed proposal → the nodes created, in one transaction as the user.
import { withUserTransaction } from '@/lib/db/transaction';
import { acceptProposal } from '@/lib/import/accept';
import { importRoute } from '@/lib/import/http';
import { AcceptSchema } from '@/lib/import/schemas';

export const runtime = 'nodejs';

export const POST = importRoute(async (request, claims) => {
  const input = AcceptSchema.parse(await request.json());
  return withUserTransaction(claims, (tx, workspace) => acceptProposal(tx, workspace, input));
});
