// The mind-map's nodes: list the workspace's nodes, create one (under a parent or at the root).
import { withUserTransaction } from '@/lib/db/transaction';
import { handleRoute, parseOrThrow, readJson } from '@/lib/map/http';
import { createNode, listNodes } from '@/lib/map/queries';
import { createNodeSchema } from '@/lib/map/schemas';
import { ownedWorkspace } from '@/lib/map/workspace';

export const dynamic = 'force-dynamic';

export function GET() {
  return handleRoute(async ({ claims }) =>
    Response.json({ nodes: await withUserTransaction(claims, (tx, workspace) => listNodes(tx, ownedWorkspace(workspace))) }),
  );
}

export function POST(request: Request) {
  return handleRoute(async ({ claims }) => {
    const input = parseOrThrow(createNodeSchema, await readJson(request));
    // A parent in another workspace fails the composite foreign key: "not found", never a leak.
    const node = await withUserTransaction(claims, (tx, workspace) => createNode(tx, ownedWorkspace(workspace), input));
    return Response.json({ node }, { status: 201 });
  });
}
