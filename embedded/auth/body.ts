// The JSON body of an Auth request. Unlike readJson in ../http, an oversized body is read to its
// end (and dropped) before answering 413: leaving a for-await loop early destroys the request,
// which resets a keep-alive connection under the client's next request.
import type { IncomingMessage } from 'node:http';
import { errors, AuthError } from './errors';

const LIMIT = 64 * 1024;
/** Past this much, the client is not worth an answer: hang up. */
const DRAIN_LIMIT = 8 * 1024 * 1024;

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LIMIT) chunks.push(chunk);
      else if (size > DRAIN_LIMIT) req.destroy();
    });
    req.on('end', () => (size > LIMIT ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(tooLarge());
    });
  });
}

const tooLarge = () => new AuthError(413, 'request_too_large', 'Request body is too large');

export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (Number(req.headers['content-length'] ?? 0) > LIMIT) throw tooLarge();
  const body = await readAll(req);
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw errors.badJson();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.badJson('Request body must be a JSON object');
  return parsed as Record<string, unknown>;
}
