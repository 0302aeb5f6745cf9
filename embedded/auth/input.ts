// Reading request fields the way GoTrue validates them: wrong types and missing fields are 400s.
import { errors } from './errors';

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw errors.badJson(`Could not read field "${field}": expected a string`);
  return value;
}

export function optionalObject(body: Record<string, unknown>, field: string): Record<string, unknown> | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw errors.badJson(`Could not read field "${field}": expected an object`);
  return value as Record<string, unknown>;
}

// The shape GoTrue accepts; anything stricter belongs to the app's own form validation.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(email: string) {
  if (email.length > 255 || !EMAIL.test(email)) throw errors.emailInvalid(email);
}
