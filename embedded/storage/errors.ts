// Errors in Supabase Storage's shape. Storage answers every client error with HTTP 400 and puts
// the meaningful status in the body's `statusCode` and the machine-readable reason in `code`
// (NoSuchKey, InvalidMimeType, …; the legacy `error` text stays beside it), so app code written
// against the stand-in behaves the same against a hosted project.
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http';

export class StorageError extends Error {
  constructor(
    /** The code Storage puts in the body's `statusCode`. */
    readonly statusCode: number,
    /** Storage's error code (its ErrorCode names). */
    readonly code: string,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

export const errors = {
  noSuchBucket: () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => new StorageError(404, 'NoSuchKey', 'not_found', 'Object not found'),
  accessDenied: (message = 'Access denied') => new StorageError(403, 'AccessDenied', 'Unauthorized', message),
  rls: () => new StorageError(403, 'AccessDenied', 'Unauthorized', 'new row violates row-level security policy'),
  duplicate: () => new StorageError(409, 'KeyAlreadyExists', 'Duplicate', 'The resource already exists'),
  invalidJwt: (message = 'Invalid JWT') => new StorageError(400, 'InvalidJWT', 'InvalidJWT', message),
  invalidKey: (key: string) => new StorageError(400, 'InvalidKey', 'InvalidKey', `Invalid key: ${key}`),
  invalidBucketName: () => new StorageError(400, 'InvalidBucketName', 'Invalid Input', 'Bucket name invalid'),
  invalidRequest: (message: string) => new StorageError(400, 'InvalidRequest', 'InvalidRequest', message),
  entityTooLarge: () => new StorageError(413, 'EntityTooLarge', 'Payload too large', 'The object exceeded the maximum allowed size'),
  invalidMimeType: (mime: string) => new StorageError(415, 'InvalidMimeType', 'invalid_mime_type', `mime type ${mime} is not supported`),
  notFound: () => new StorageError(404, 'InvalidRequest', 'not_found', 'Route not found'),
};

/** HTTP status as hosted Storage sends it: 500 stays 500, every client error is 400. */
export function httpStatusOf(error: StorageError): number {
  return error.statusCode >= 500 ? 500 : 400;
}

export function sendStorageError(res: ServerResponse, error: StorageError, headers: Record<string, string> = {}) {
  if (res.headersSent || res.destroyed) return;
  sendJson(
    res,
    httpStatusOf(error),
    { statusCode: String(error.statusCode), code: error.code, error: error.error, message: error.message },
    headers,
  );
}
