// What the import's route handlers add to lib/request/route.ts: their refusals (ImportError reasons
// with their statuses, in words with the limits filled in) and reading one uploaded file.
import { ZodError } from 'zod';
import type { Locale } from '@/lib/i18n/catalogue';
import { Refused } from '@/lib/request/route';
import { fileNameFromHeader } from '@/lib/files/names';
import { formatBytes } from '@/lib/i18n/format';
import { ImportError, type ImportErrorReason } from './errors';
import { MAX_ARCHIVE_ENTRIES, MAX_FILE_BYTES, MAX_PDF_PAGES, MAX_UNPACKED_BYTES } from './limits';
import { MAX_CLIENTS } from './schemas';

const STATUS: Partial<Record<ImportErrorReason, number>> = {
  tooLarge: 413,
  unpackedTooLarge: 413,
  tooManyEntries: 413,
  tooManyPages: 413,
  notOwner: 403,
  clientNotFound: 404,
  aiNotConfigured: 404,
  aiTimeout: 504,
  aiUnavailable: 502,
  aiMalformed: 502,
};

function importErrorParams(locale: Locale) {
  return {
    size: formatBytes(MAX_FILE_BYTES, locale),
    unpacked: formatBytes(MAX_UNPACKED_BYTES, locale),
    entries: MAX_ARCHIVE_ENTRIES,
    pages: MAX_PDF_PAGES,
    max: MAX_CLIENTS,
  };
}

/** The import's own refusals for lib/request/route.ts: its reasons, a body that is not JSON or not of the expected shape. */
export function importRefusal(error: unknown, locale: Locale): Refused | null {
  const refused = (reason: ImportErrorReason, status: number) =>
    new Refused(status, `import.errors.${reason}`, importErrorParams(locale), undefined, reason);
  if (error instanceof ImportError) return refused(error.reason, STATUS[error.reason] ?? 422);
  // A body that is not JSON at all is as invalid as one of the wrong shape.
  if (error instanceof SyntaxError) return refused('invalidProposal', 400);
  if (error instanceof ZodError)
    return refused(error.issues.some((i) => i.path.includes('consent')) ? 'aiConsent' : 'invalidProposal', 400);
  return null;
}

/** A file sent as the raw request body, its name in a header (one file per request, for progress). */
export async function fileFromRequest(request: Request): Promise<{ name: string; bytes: Uint8Array }> {
  const name = fileNameFromHeader(request);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_FILE_BYTES) throw new ImportError('tooLarge');
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_FILE_BYTES || (declared && bytes.byteLength < declared)) throw new ImportError('tooLarge');
  return { name, bytes };
}
