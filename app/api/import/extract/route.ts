// POST one file (raw body, name in x-file-name) → its extracted blocks. Nothing is stored.
import { extractDocument } from '@/lib/import/extract';
import { fileFromRequest, importRoute } from '@/lib/import/http';

export const runtime = 'nodejs';

export const POST = importRoute(async (request) => {
  const { name, bytes } = await fileFromRequest(request);
  return { document: await extractDocument(name, bytes) };
});
