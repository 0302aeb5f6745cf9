// The one wrapper for server actions: parses FormData with zod, builds the request context
// (lib/request: who may run the action is checked in the database before the handler can send
// mail, write Storage or start a job, and the handler's database work shares one transaction),
// runs the handler and turns any failure into messages in the user's language. Forms get back what
// was typed (never passwords) so nothing is lost on an error.
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { getVerifiedClaims } from '@/lib/auth/claims';
import { isMessageKey, translator, type MessageKey } from '@/lib/i18n/catalogue';
import { getLocale } from '@/lib/i18n/server';
import { inRequest, Refused, type Access, type RequestContext } from '@/lib/request/context';
import { mapError } from '@/lib/request/refusals';
import { isStorableText } from '@/lib/validation/text';

import type { ActionState, FormValues } from './state';

export { initialState, type ActionState, type FormValues } from './state';

/** An error a handler throws on purpose: a known message, optionally tied to a field (or, with fields, several at once). */
export class ActionError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly field?: string,
    readonly fields?: Record<string, MessageKey>,
  ) {
    super(key);
  }
}

export type { Access } from '@/lib/request/context';

type Result = void | { message?: MessageKey; messageParams?: Record<string, string>; keepValues?: boolean; data?: Record<string, string> };

const SECRET_FIELD = /password|token|secret/i;

function keptValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [name, value] of formData) {
    if (typeof value === 'string' && !name.startsWith('$') && !SECRET_FIELD.test(name)) values[name] = value;
  }
  return values;
}

function formDataObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of formData) {
    if (name.startsWith('$')) continue; // React's own action fields
    out[name] = typeof value === 'string' ? value : value;
  }
  return out;
}

export type ServerAction = ((prev: ActionState, formData: FormData) => Promise<ActionState>) & { readonly access: Access };

export function createAction<S extends z.ZodType, A extends Access = 'owner'>(options: {
  schema: S;
  /** Who may run it (default 'owner'); see lib/request/context.ts. */
  access?: A;
  /** See every membership instead of narrowing to the active workspace (switching workspace). */
  unscoped?: boolean;
  handler: (input: z.output<S>, ctx: RequestContext<A>) => Promise<Result>;
}): ServerAction {
  const access: Access = options.access ?? 'owner';
  async function action(_prev: ActionState, formData: FormData): Promise<ActionState> {
    const t = translator(await getLocale());
    const values = keptValues(formData);
    const fail = (formError?: string, fieldErrors: Record<string, string> = {}): ActionState => ({
      ok: false,
      fieldErrors,
      formError,
      values,
    });

    const claims = await getVerifiedClaims();
    if (access !== 'public' && !claims) return fail(t('errors.sessionExpired'));

    // What Postgres cannot store is refused at its field, whatever the action's schema says.
    const unstorable = Object.keys(values).filter((name) => !isStorableText(values[name]) || !isStorableText(name));
    if (unstorable.length)
      return fail(t('errors.checkFields'), Object.fromEntries(unstorable.map((name) => [name, t('db.invalidCharacters')])));

    const parsed = options.schema.safeParse(formDataObject(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join('.') || '_form';
        if (fieldErrors[field]) continue;
        // A custom issue may carry its message's parameters (the characters a field cannot hold).
        const params = issue.code === 'custom' ? (issue.params as Record<string, string> | undefined) : undefined;
        fieldErrors[field] = t(
          isMessageKey(issue.message) ? issue.message : issue.code === 'invalid_type' ? 'validation.required' : 'validation.invalid',
          params,
        );
      }
      const formError = fieldErrors._form;
      delete fieldErrors._form;
      return fail(formError ?? t('errors.checkFields'), fieldErrors);
    }

    try {
      // Built after parsing (a typo costs no round trip), before the handler's first effect.
      const result = await inRequest({ access: access as A, unscoped: options.unscoped }, (ctx) => options.handler(parsed.data, ctx));
      return {
        ok: true,
        message: result?.message ? t(result.message, result.messageParams) : undefined,
        values: result?.keepValues ? values : {},
        ...(result?.data ? { data: result.data } : {}),
      };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are not failures
      if (error instanceof Refused) return fail(t(error.key, error.params));
      if (error instanceof ActionError) {
        if (error.fields)
          return fail(t(error.key), Object.fromEntries(Object.entries(error.fields).map(([field, key]) => [field, t(key)])));
        return error.field ? fail(undefined, { [error.field]: t(error.key) }) : fail(t(error.key));
      }
      const mapped = mapError(error);
      if (!mapped) {
        const detail = error as { name?: string; message?: string; code?: string; status?: number };
        console.error('Server action failed:', detail?.name, detail?.code ?? detail?.status, detail?.message ?? String(error));
        return fail(t('errors.generic'));
      }
      return mapped.field && mapped.field in values ? fail(undefined, { [mapped.field]: t(mapped.key) }) : fail(t(mapped.key));
    }
  }
  return Object.assign(action, { access });
}
