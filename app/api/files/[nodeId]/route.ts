// Files on a node: list them, or upload one. The browser sends the raw file (XMLHttpRequest, for
// progress events) with its name in X-File-Name; it is checked against the bucket's limits before
// a byte is read and streamed on to Storage with the user's session.
import { checkUpload, fileType, tooLarge, typeRefused, type Refusal } from '@/lib/files/limits';
import { fileNameFromHeader, safeFileName, uniqueName } from '@/lib/files/names';
import { listFiles, nodeFiles, removeFile, uploadFile } from '@/lib/files/storage';
import { nodeIdSchema } from '@/lib/map/schemas';
import { parseOrThrow, Refused, route } from '@/lib/request/route';

export const dynamic = 'force-dynamic';

export const GET = route<'owner', { nodeId: string }>({ access: 'owner' }, async (ctx, _request, params) => {
  const nodeId = parseOrThrow(nodeIdSchema, params.nodeId);
  const { folder, limits } = await nodeFiles(ctx, nodeId);
  return Response.json({ files: await listFiles(folder), limits });
});

/** Counts the bytes that pass, so a body cut short is noticed. */
function counted(body: ReadableStream<Uint8Array>) {
  let bytes = 0;
  const stream = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
  );
  return { stream, bytes: () => bytes };
}

export const POST = route<'owner', { nodeId: string }>({ access: 'owner' }, async (ctx, request, params) => {
  const { locale } = ctx;
  const nodeId = parseOrThrow(nodeIdSchema, params.nodeId);
  const original = fileNameFromHeader(request);
  const size = Number(request.headers.get('content-length') ?? NaN);
  if (!original || !Number.isSafeInteger(size) || size < 0) throw new Refused(400, 'map.files.badRequest');
  const type = fileType(original, request.headers.get('content-type') ?? '');

  const { folder, limits } = await nodeFiles(ctx, nodeId);
  const refusal = checkUpload({ name: original, size, type }, limits, locale);
  if (refusal) throw new Refused(refusal.status, refusal.key, refusal.params);

  const taken = new Set((await listFiles(folder)).map((f) => f.name));
  const name = uniqueName(safeFileName(original), taken);
  const path = `${folder}/${name}`;
  const body = counted(request.body ?? new ReadableStream({ start: (c) => c.close() }));
  const error = await uploadFile(path, body.stream, type);
  if (error) {
    const status = Number(error.statusCode ?? error.status);
    // The bucket refused after all (its limits changed meanwhile): the same explanation.
    const refused: Refusal | null =
      status === 413
        ? tooLarge({ name: original, size }, limits.maxBytes ?? size, locale)
        : status === 415
          ? typeRefused({ name: original }, limits)
          : null;
    if (refused) throw new Refused(refused.status, refused.key, refused.params);
    console.error('Upload failed:', status, error.message);
    throw new Refused(502, 'map.files.storageFailed');
  }
  if (body.bytes() !== size) {
    await removeFile(path).catch(() => {});
    throw new Refused(400, 'map.files.incomplete');
  }
  return Response.json({ file: { name, size, type, createdAt: new Date().toISOString() } }, { status: 201 });
});
