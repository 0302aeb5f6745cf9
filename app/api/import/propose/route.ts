// POST the extracted documents and the chosen proposer → a proposal. The AI proposer is used only
// when configured and confirmed (consent: true in the body, checked by the schema).
import { ImportError } from '@/lib/import/errors';
import { importRefusal } from '@/lib/import/request';
import { aiConfig, proposeWithAi } from '@/lib/import/propose/ai';
import { proposeBuiltin } from '@/lib/import/propose/builtin';
import { ProposeRequestSchema } from '@/lib/import/schemas';
import { route } from '@/lib/request/route';

export const runtime = 'nodejs';

export const POST = route({ access: 'account', refusal: importRefusal }, async (_ctx, request) => {
  const body = ProposeRequestSchema.parse(await request.json());
  if (body.proposer === 'builtin') return Response.json({ proposal: proposeBuiltin(body.documents) });
  const config = aiConfig();
  if (!config) throw new ImportError('aiNotConfigured');
  return Response.json({ proposal: await proposeWithAi(body.documents, config) });
});
