// THE wrapper for route handlers: the request context (claims, language, workspace and role
// checked as declared, one transaction), and every failure as JSON { error, field?, reason? } in
// the user's language with the status lib/request/refusals.ts gives it; never a stack, never 5xx
// for bad input.
import type { z } from 'zod';
import { SessionEndedError } from '@/lib/auth/signed-out';
import { isMessageKey, type Locale, type Translate } from '@/lib/i18n/catalogue';
import { getTranslator } from '@/lib/i18n/server';
import { inRequest, Refused, type Access, type ContextOptions, type RequestContext } from './context';
import { mapError } from './refusals';

export { Refused } from './context';

/** The JSON body of a failed request, as the browser reads it. */
export interface ErrorBody {
  error: string;
  field?: string;
  reason?: string;
}

export const notFound = (key: Parameters<RequestContext['t']>[0] = 'map.errors.notFound') => new Refused(404, key);

/** Parses with zod; a failure is a 400 at the field the first issue names. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue && isMessageKey(issue.message) ? issue.message : 'validation.invalid';
  throw new Refused(key === 'map.errors.notFound' ? 404 : 400, key, undefined, issue?.path.map(String).join('.') || undefined);
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new Refused(400, 'validation.invalid');
  }
}

export interface RouteOptions<A extends Access> extends ContextOptions<A> {
  /** A feature's own errors as refusals (e.g. the import's reasons); null: not one of them. */
  refusal?: (error: unknown, locale: Locale) => Refused | null;
}

type Handler<A extends Access, P> = (ctx: RequestContext<A>, request: Request, params: P) => Promise<Response>;

export function route<A extends Access, P = Record<string, never>>(options: RouteOptions<A>, handler: Handler<A, P>) {
  return async (request: Request, segment?: { params: Promise<P> }): Promise<Response> => {
    const { t, locale } = await getTranslator();
    try {
      const params = (segment ? await segment.params : {}) as P;
      return await inRequest(options, (ctx) => handler(ctx, request, params));
    } catch (error) {
      return failure(error, options, t, locale);
    }
  };
}

function failure(error: unknown, options: RouteOptions<Access>, t: Translate, locale: Locale): Response {
  const fail = (status: number, body: ErrorBody) => Response.json(body, { status });
  if (error instanceof SessionEndedError) return fail(401, { error: t('errors.sessionExpired') });
  const refused = error instanceof Refused ? error : options.refusal?.(error, locale);
  if (refused) return fail(refused.status, { error: t(refused.key, refused.params), field: refused.field, reason: refused.reason });
  const mapped = mapError(error);
  if (mapped) return fail(mapped.status, { error: t(mapped.key), field: mapped.field });
  const detail = error as { name?: string; code?: string; message?: string };
  console.error('Route failed:', detail?.name, detail?.code, detail?.message ?? String(error));
  return fail(500, { error: t('errors.generic') });
}
