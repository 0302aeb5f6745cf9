// Keeping an uploaded document on a client the import created: the file is checked again (type,
// size), the node looked up as the user (another tenant's id is "not found"), the transaction
// closed, and only then is the file stored through the Storage API with the user's session.
import type { RequestContext } from '@/lib/request/context';
import { createClient } from '@/lib/supabase/server';
import { ImportError } from './errors';
import type { DocumentFormat } from './extract/blocks';
import { detectFormat } from './extract/detect';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  markdown: 'text/markdown',
  text: 'text/plain',
  csv: 'text/csv',
};

/** Storage keys allow a limited ASCII set: "Offert Åkerö.pdf" → "Offert Akero.pdf". */
export function storageFileName(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w\-. ()]/g, '_')
    .replace(/^\.+/, '');
  return ascii.slice(-120) || 'dokument';
}

export async function attachDocument(
  ctx: Pick<RequestContext<'owner'>, 'tx' | 'workspace'>,
  nodeId: string,
  file: { name: string; bytes: Uint8Array },
) {
  if (!UUID.test(nodeId)) throw new ImportError('clientNotFound');
  const format = detectFormat(file.name, file.bytes);
  const workspaceId = await ctx.tx(async (tx) => {
    const { rows } = await tx.query(
      `select workspace_id from public.nodes where id = $1 and workspace_id = $2 and kind = 'client' and archived_at is null`,
      [nodeId, ctx.workspace.id],
    );
    return rows[0]?.workspace_id as string | undefined;
  });
  if (!workspaceId) throw new ImportError('clientNotFound');

  const supabase = await createClient();
  const fileName = storageFileName(file.name);
  const dot = fileName.lastIndexOf('.');
  // A document of the same name already on the client is kept; this one gets a suffix.
  const candidates = [
    fileName,
    `${dot > 0 ? fileName.slice(0, dot) : fileName}-${Date.now().toString(36)}${dot > 0 ? fileName.slice(dot) : ''}`,
  ];
  for (const candidate of candidates) {
    const path = `${workspaceId}/${nodeId}/${candidate}`;
    const { error } = await supabase.storage
      .from('documents')
      .upload(path, file.bytes, { contentType: CONTENT_TYPES[format], upsert: false });
    if (!error) return { path };
    const status = Number((error as { statusCode?: string | number; status?: number }).statusCode ?? (error as { status?: number }).status);
    if (status !== 409 && !/exists|duplicate/i.test(error.message)) throw error;
  }
  throw new Error('Could not find a free file name for the attached document');
}
