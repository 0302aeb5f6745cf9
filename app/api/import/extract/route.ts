// POST one file (raw body, name in x-file-name) → its extracted blocks. Nothing is stored.
import { extractDocument } from '@/lib/import/extract';
import { fileFromRequest, importRefusal } from '@/lib/import/request';
import { route } from '@/lib/request/route';

export const runtime = 'nodejs';

export const POST = route({ access: 'account', refusal: importRefusal }, async (_ctx, request) => {
  const { name, bytes } = await fileFromRequest(request);
  return Response.json({ document: await extractDocument(name, bytes) });
});
