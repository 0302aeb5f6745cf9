// Small HTTP helpers shared by the embedded Auth and Storage APIs.
import type { IncomingMessage, ServerResponse } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Past this much, a refused client is not worth an answer: hang up. */
const DRAIN_LIMIT = 8 * 1024 * 1024;

/**
 * Drops the rest of a body that will not be read, as it arrives, up to `limit` bytes; past that
 * the client is cut off. Closing the socket at once would reset the connection before the
 * client reads the error answer.
 */
export function dropUnreadBody(req: IncomingMessage, limit = DRAIN_LIMIT) {
  if (req.readableEnded || req.complete) return;
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > limit) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

const tooLarge = () => new HttpError(413, 'request_too_large', 'Request body is too large');

/**
 * Reads the whole body, refusing more than `limit` bytes with 413. An oversized body is read to
 * its end and dropped before answering: destroying the request early would reset a keep-alive
 * connection under the client's next request.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > Math.max(limit, DRAIN_LIMIT)) req.destroy();
    });
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(tooLarge());
    });
  });
}

/** Reads a JSON object body; malformed JSON or a non-object is a 400, never a crash. */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<Record<string, unknown>> {
  const body = await readBody(req, limit);
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'bad_json', 'Could not parse request body as JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'bad_json', 'Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The bearer token of a request, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1];
}

/**
 * CORS for the APIs: only the app's own origin(s) may call them from a browser, with credentials.
 * Any other origin gets no CORS headers at all (the browser then hides the answer), and the
 * wildcard is never sent, so no other site can read a user's files or account through them.
 */
export function corsFor(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins.map((o) => new URL(o).origin));
  return (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('vary', 'Origin');
    const origin = req.headers.origin;
    if (!origin || !allowed.has(origin)) return;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-allow-methods', 'GET,POST,PUT,PATCH,DELETE,OPTIONS');
    res.setHeader(
      'access-control-allow-headers',
      'authorization,apikey,content-type,x-client-info,x-upsert,x-metadata,x-supabase-api-version,cache-control',
    );
    res.setHeader('access-control-expose-headers', 'content-length,content-type,etag,x-supabase-api-version');
  };
}
