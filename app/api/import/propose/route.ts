// POST the extracted documents and the chosen proposer → a proposal. The AI proposer is used only
// when configured and confirmed (consent: true in the body, checked by the schema).
import { ImportError } from '@/lib/import/errors';
import { importRoute } from '@/lib/import/http';
import { aiConfig, proposeWithAi } from '@/lib/import/propose/ai';
import { proposeBuiltin } from '@/lib/import/propose/builtin';
import { ProposeRequestSchema } from '@/lib/import/schemas';

export const runtime = 'nodejs';

export const POST = importRoute(async (request) => {
  const body = ProposeRequestSchema.parse(await request.json());
  if (body.proposer === 'builtin') return { proposal: proposeBuiltin(body.documents) };
  const config = aiConfig();
  if (!config) throw new ImportError('aiNotConfigured');
  return { proposal: await proposeWithAi(body.documents, config) };
});
