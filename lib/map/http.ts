// Route handlers of the map and files features: verified claims, the user's language, JSON
// answers, and every failure as a message in that language (never a stack or another tenant's data).
import type { z } from 'zod';
import { getVerifiedClaims, type VerifiedClaims } from '@/lib/auth/claims';
import { mapError, statusOf } from '@/lib/actions/errors';
import { SessionEndedError } from '@/lib/auth/signed-out';
import { isMessageKey, type MessageKey, type Translate } from '@/lib/i18n/catalogue';
import type { Locale } from '@/lib/i18n/catalogue';
import { getTranslator } from '@/lib/i18n/server';

/** A refusal with a status and a message key (and parameters). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly key: MessageKey,
    readonly params?: Record<string, string | number>,
    readonly field?: string,
  ) {
    super(key);
  }
}

export const notFound = () => new HttpError(404, 'map.errors.notFound');

export interface RouteContext {
  claims: VerifiedClaims;
  t: Translate;
  locale: Locale;
}

/** The JSON body of a failed request, as the browser reads it. */
export interface ErrorBody {
  error: string;
  field?: string;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue && isMessageKey(issue.message) ? issue.message : 'validation.invalid';
  throw new HttpError(key === 'map.errors.notFound' ? 404 : 400, key, undefined, issue?.path.map(String).join('.') || undefined);
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new HttpError(400, 'validation.invalid');
  }
}

export async function handleRoute(fn: (ctx: RouteContext) => Promise<Response>): Promise<Response> {
  const { t, locale } = await getTranslator();
  const fail = (status: number, error: string, field?: string) => Response.json({ error, field } satisfies ErrorBody, { status });
  const claims = await getVerifiedClaims();
  if (!claims) return fail(401, t('errors.sessionExpired'));
  try {
    return await fn({ claims, t, locale });
  } catch (error) {
    if (error instanceof SessionEndedError) return fail(401, t('errors.sessionExpired'));
    if (error instanceof HttpError) return fail(error.status, t(error.key, error.params), error.field);
    const mapped = mapError(error);
    if (mapped) return fail(statusOf(mapped), t(mapped.key), mapped.field);
    const detail = error as { name?: string; code?: string; message?: string };
    console.error('Route failed:', detail?.name, detail?.code, detail?.message ?? String(error));
    return fail(500, t('errors.generic'));
  }
}
