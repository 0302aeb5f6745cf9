// Content types, parsed as MIME types (RFC 9110 §8.3: type "/" subtype, case-insensitive, then
// ";"-separated parameters), for everything that takes a file's type in or sends a file out: the
// stand-in's Storage, the upload routes and the file routes. A value that does not parse is
// refused rather than guessed at: browsers split a header like `text/plain; x=,TEXT/HTML` at the
// comma and render HTML, so "contains text/html" is never the test.

export interface MimeType {
  /** `type/subtype`, lower case. */
  essence: string;
  type: string;
  subtype: string;
  /** Parameter names lower case; values as sent, unquoted. */
  parameters: Map<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parses one media type; undefined when it is not exactly one well-formed media type. */
export function parseMimeType(text: string): MimeType | undefined {
  let at = 0;
  const skipSpace = () => {
    while (text[at] === ' ' || text[at] === '\t') at++;
  };
  const token = () => {
    const start = at;
    while (at < text.length && TOKEN.test(text[at])) at++;
    return text.slice(start, at);
  };
  skipSpace();
  const type = token();
  if (!type || text[at++] !== '/') return undefined;
  const subtype = token();
  if (!subtype) return undefined;
  const parameters = new Map<string, string>();
  for (skipSpace(); at < text.length; skipSpace()) {
    if (text[at++] !== ';') return undefined;
    skipSpace();
    const name = token().toLowerCase();
    if (!name || text[at++] !== '=') return undefined;
    let value = '';
    if (text[at] === '"') {
      at++;
      for (; at < text.length && text[at] !== '"'; at++) {
        if (text[at] === '\\') at++;
        if (at >= text.length || !/[\t\x20-\x7e]/.test(text[at])) return undefined;
        value += text[at];
      }
      if (text[at++] !== '"') return undefined;
    } else {
      value = token();
      if (!value) return undefined;
    }
    if (!parameters.has(name)) parameters.set(name, value);
  }
  return { essence: `${type}/${subtype}`.toLowerCase(), type: type.toLowerCase(), subtype: subtype.toLowerCase(), parameters };
}

/**
 * The form a type is stored and sent in: the lower-case essence, plus its charset when it has a
 * plain one. Other parameters are dropped, so nothing but a bare token follows the type.
 */
export function normalisedMimeType(mime: MimeType): string {
  const charset = mime.parameters.get('charset')?.toLowerCase();
  return charset && TOKEN.test(charset) ? `${mime.essence}; charset=${charset}` : mime.essence;
}

/** Whether a type is allowed by a list like a bucket's `allowed_mime_types` (entries may be `type/*`). */
export function mimeAllowed(mime: MimeType, allowed: readonly string[] | null): boolean {
  if (!allowed || allowed.length === 0) return true;
  return allowed.some((entry) => {
    const want = parseMimeType(entry.trim());
    if (!want) return false;
    return want.subtype === '*' ? want.type === mime.type : want.essence === mime.essence;
  });
}

/** Types a browser may show in place: raster images and PDF. Never SVG (it runs script). */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf']);

/**
 * Headers for sending a stored file: its normalised type, never sniffed, under a policy that lets
 * it load nothing and run nothing, and as a download unless it is an image or a PDF (`disposition`
 * is the caller's own attachment header, when it names the file). PDFs are not sandboxed: a
 * sandboxed document cannot open Chrome's PDF viewer, and that viewer runs no script in the origin.
 */
export function fileResponseHeaders(storedType: string | undefined, disposition?: string): Record<string, string> {
  const mime = storedType === undefined ? undefined : parseMimeType(storedType);
  const inline = mime !== undefined && INLINE_TYPES.has(mime.essence);
  const headers: Record<string, string> = {
    'content-type': mime ? normalisedMimeType(mime) : 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'content-security-policy': mime?.essence === 'application/pdf' ? "default-src 'none'" : "default-src 'none'; sandbox",
  };
  if (disposition !== undefined || !inline) headers['content-disposition'] = disposition ?? 'attachment';
  return headers;
}
