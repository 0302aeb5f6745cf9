// Bucket names and object keys: Storage's own validation rules plus a refusal of anything that
// looks like path traversal. Object keys never become file paths here (bytes are stored under
// their version id), but a key like `a/../b` must not reach RLS policies that reason on folders.
import { errors } from './errors';

// Storage's isValidKey: S3-safe ASCII characters only (so `ö` is refused as on hosted Storage).
const KEY_CHARS = /^(\w|\/|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)*$/;
const BUCKET_CHARS = /^(\w|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)*$/;

export function mustBeValidKey(key: string): string {
  const segments = key.split('/');
  const bad = key.length === 0 || key.length > 1024 || !KEY_CHARS.test(key) || segments.some((s) => s === '' || s === '.' || s === '..');
  if (bad) throw errors.invalidKey(key);
  return key;
}

export function mustBeValidBucketName(name: string): string {
  if (name.length === 0 || name.length >= 64 || !BUCKET_CHARS.test(name) || name === '.' || name === '..') {
    throw errors.invalidBucketName();
  }
  return name;
}

/** Decodes one percent-encoded URL path piece; malformed escapes are an invalid key, not a crash. */
export function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw errors.invalidKey(raw);
  }
}

/** Splits `bucket/some/key` (percent-encoded, as in the URL) into a checked bucket and key. */
export function bucketAndKey(rest: string): { bucket: string; key: string } {
  const slash = rest.indexOf('/');
  if (slash <= 0) throw errors.invalidKey(decodePath(rest));
  const bucket = mustBeValidBucketName(decodePath(rest.slice(0, slash)));
  // Checked after decoding, so an encoded slash (%2F) cannot hide a `..` segment.
  const key = decodePath(rest.slice(slash + 1));
  return { bucket, key: mustBeValidKey(key) };
}
