// A client node's invoicing details as the side panel's form shows them (saved by a server action).
import { withUserTransaction } from '@/lib/db/transaction';
import { getClientDetailsForm } from '@/lib/map/client-details';
import { handleRoute, notFound, parseOrThrow } from '@/lib/map/http';
import { nodeIdSchema } from '@/lib/map/schemas';

export const dynamic = 'force-dynamic';

export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async ({ claims }) => {
    const id = parseOrThrow(nodeIdSchema, (await params).id);
    const details = await withUserTransaction(claims, (tx) => getClientDetailsForm(tx, id));
    if (!details) throw notFound();
    return Response.json({ details });
  });
}
