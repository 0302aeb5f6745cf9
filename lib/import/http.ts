// The import route handlers' one wrapper: verified claims, the user's language, and every failure
// as JSON { error } in words (ImportError reasons, database refusals via lib/actions/errors.ts).
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { mapError } from '@/lib/actions/errors';
import { getVerifiedClaims, type VerifiedClaims } from '@/lib/auth/claims';
import { SessionEndedError } from '@/lib/auth/signed-out';
import type { Locale, Translate } from '@/lib/i18n/catalogue';
import { getTranslator } from '@/lib/i18n/server';
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

export function importErrorText(t: Translate, reason: ImportErrorReason, locale: Locale) {
  return t(`import.errors.${reason}`, {
    size: formatBytes(MAX_FILE_BYTES, locale),
    unpacked: formatBytes(MAX_UNPACKED_BYTES, locale),
    entries: MAX_ARCHIVE_ENTRIES,
    pages: MAX_PDF_PAGES,
    max: MAX_CLIENTS,
  });
}

export function importRoute(handler: (request: Request, claims: VerifiedClaims) => Promise<unknown>) {
  return async (request: Request) => {
    const { t, locale } = await getTranslator();
    const claims = await getVerifiedClaims();
    if (!claims) return NextResponse.json({ error: t('errors.sessionExpired') }, { status: 401 });
    try {
      return NextResponse.json(await handler(request, claims));
    } catch (error) {
      if (error instanceof SessionEndedError) return NextResponse.json({ error: t('errors.sessionExpired') }, { status: 401 });
      if (error instanceof ImportError) {
        return NextResponse.json({ error: importErrorText(t, error.reason, locale), reason: error.reason }, { status: STATUS[error.reason] ?? 422 });
      }
      // A body that is not JSON at all is as invalid as one of the wrong shape.
      if (error instanceof SyntaxError) {
        return NextResponse.json({ error: importErrorText(t, 'invalidProposal', locale), reason: 'invalidProposal' }, { status: 400 });
      }
      if (error instanceof ZodError) {
        const consent = error.issues.some((i) => i.path.includes('consent'));
        const reason: ImportErrorReason = consent ? 'aiConsent' : 'invalidProposal';
        return NextResponse.json({ error: importErrorText(t, reason, locale), reason }, { status: 400 });
      }
      const mapped = mapError(error);
      if (mapped) return NextResponse.json({ error: t(mapped.key) }, { status: 400 });
      const detail = error as { name?: string; message?: string; code?: string };
      console.error('Import failed:', detail?.name, detail?.code, detail?.message ?? String(error));
      return NextResponse.json({ error: t('errors.generic') }, { status: 500 });
    }
  };
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
