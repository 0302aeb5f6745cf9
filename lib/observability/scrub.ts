// What leaves for Sentry: stack traces, never personal data. Used by beforeSend,
// beforeSendTransaction and beforeBreadcrumb in every Sentry config (client, server, edge); the
// privacy notice promises it ("Error reports ... without personal data").

const SECRET_QUERY_PARAMS = ['token', 'token_hash', 'code', 'access_token', 'refresh_token', 'email', 'password', 'apikey'];
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'apikey', 'x-supabase-auth', 'proxy-authorization'];
const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
export const FILTERED = '[Filtered]';

export function scrubText(text: string): string {
  return text.replace(EMAIL, FILTERED).replace(urlPattern, (url) => scrubUrl(url));
}

const urlPattern = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+|\/[^\s"'<>?]*\?[^\s"'<>]+/gi;

/** Removes secret query parameters from an absolute or relative URL (or a bare query string). */
export function scrubUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1 && url.includes('://')) return url.replace(EMAIL, FILTERED);
  const base = queryStart === -1 ? '' : url.slice(0, queryStart + 1);
  const [query, fragment] = (queryStart === -1 ? url : url.slice(queryStart + 1)).split('#', 2);
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) {
    if (SECRET_QUERY_PARAMS.includes(key.toLowerCase())) params.set(key, FILTERED);
    else params.set(key, (params.get(key) ?? '').replace(EMAIL, FILTERED));
  }
  // The fragment carries tokens after Supabase redirects (#access_token=...): drop it whole.
  return `${base.replace(EMAIL, FILTERED)}${params.toString()}${fragment === undefined ? '' : '#' + FILTERED}`;
}

type Loose = Record<string, unknown>;

// A frame keeps where (file, function, line); its source lines and local variable values
// (Sentry's ContextLines and LocalVariables integrations) may hold user data, so they go.
const FRAME_CONTENTS = ['pre_context', 'context_line', 'post_context', 'vars'];

function stripFrameContents(exception: unknown): unknown {
  const values = (exception as { values?: unknown[] })?.values;
  if (!Array.isArray(values)) return exception;
  return {
    ...(exception as Loose),
    values: values.map((value) => {
      const v = value as Loose & { stacktrace?: { frames?: Loose[] } };
      if (!v.stacktrace?.frames) return v;
      const frames = v.stacktrace.frames.map((frame) =>
        Object.fromEntries(Object.entries(frame).filter(([key]) => !FRAME_CONTENTS.includes(key))),
      );
      return { ...v, stacktrace: { ...v.stacktrace, frames } };
    }),
  };
}

function scrubHeaders(headers: unknown): Loose | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const out: Loose = {};
  for (const [key, value] of Object.entries(headers as Loose)) {
    out[key] = SECRET_HEADERS.includes(key.toLowerCase()) ? FILTERED : typeof value === 'string' ? scrubText(value) : value;
  }
  return out;
}

function scrubRequest(request: unknown): Loose | undefined {
  if (!request || typeof request !== 'object') return undefined;
  const r = { ...(request as Loose) };
  delete r.data; // request bodies: form fields, passwords, invoice content
  delete r.cookies;
  if (typeof r.url === 'string') r.url = scrubUrl(r.url);
  if (typeof r.query_string === 'string') r.query_string = scrubUrl(`?${r.query_string}`).slice(1);
  else if (r.query_string) delete r.query_string;
  if (r.headers) r.headers = scrubHeaders(r.headers);
  return r;
}

/** Keeps only the opaque user id (a UUID); drops email, username, IP address and the rest. */
function scrubUser(user: unknown): Loose | undefined {
  if (!user || typeof user !== 'object') return undefined;
  const id = (user as Loose).id;
  return typeof id === 'string' || typeof id === 'number' ? { id: String(id) } : undefined;
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (depth > 8) return FILTERED;
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Loose = {};
    for (const [k, v] of Object.entries(value as Loose)) {
      out[k] =
        SECRET_QUERY_PARAMS.includes(k.toLowerCase()) || SECRET_HEADERS.includes(k.toLowerCase()) ? FILTERED : scrubDeep(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** Scrubs an error or transaction event in place of Sentry's own; returns the cleaned event. */
export function scrubEvent<T extends object>(event: T): T {
  const e = { ...(event as Loose) };
  if (e.request) e.request = scrubRequest(e.request);
  if ('user' in e) e.user = scrubUser(e.user);
  if (typeof e.message === 'string') e.message = scrubText(e.message);
  if (e.logentry) e.logentry = scrubDeep(e.logentry);
  if (e.exception) e.exception = scrubDeep(stripFrameContents(e.exception));
  if (e.breadcrumbs) e.breadcrumbs = (e.breadcrumbs as unknown[]).map((b) => scrubBreadcrumb(b as Loose));
  if (e.extra) e.extra = scrubDeep(e.extra);
  if (e.contexts) e.contexts = scrubDeep(e.contexts);
  if (e.tags) e.tags = scrubDeep(e.tags);
  if (e.spans) e.spans = scrubDeep(e.spans);
  if (typeof e.transaction === 'string') e.transaction = scrubText(e.transaction);
  return e as T;
}

export function scrubBreadcrumb<T extends object>(breadcrumb: T): T {
  const b = { ...(breadcrumb as Loose) };
  if (typeof b.message === 'string') b.message = scrubText(b.message);
  if (b.data) {
    const data = scrubDeep(b.data) as Loose;
    delete data.body;
    delete data.request_body;
    delete data.response_body;
    b.data = data;
  }
  return b as T;
}
