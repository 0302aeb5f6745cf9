// Maps what can go wrong in an action to a message key: Auth API error codes, Postgres errors
// (by constraint name first, then SQLSTATE). Unknown errors become a generic message and are logged.
import { isAuthError } from '@supabase/supabase-js';
import type { MessageKey } from '@/lib/i18n/catalogue';

export interface MappedError {
  key: MessageKey;
  /** A form field the message belongs to, when known. */
  field?: string;
}

const AUTH_CODES: Record<string, MappedError> = {
  invalid_credentials: { key: 'errors.invalidCredentials' },
  user_already_exists: { key: 'errors.userExists', field: 'email' },
  email_exists: { key: 'errors.userExists', field: 'email' },
  weak_password: { key: 'errors.weakPassword', field: 'password' },
  same_password: { key: 'errors.samePassword', field: 'password' },
  over_request_rate_limit: { key: 'errors.rateLimited' },
  over_email_send_rate_limit: { key: 'errors.rateLimited' },
  email_not_confirmed: { key: 'errors.emailNotConfirmed' },
  email_address_invalid: { key: 'validation.email', field: 'email' },
  validation_failed: { key: 'errors.checkFields' },
  otp_expired: { key: 'errors.linkInvalid' },
  bad_jwt: { key: 'errors.sessionExpired' },
  session_not_found: { key: 'errors.sessionExpired' },
  session_expired: { key: 'errors.sessionExpired' },
  refresh_token_not_found: { key: 'errors.sessionExpired' },
  refresh_token_already_used: { key: 'errors.sessionExpired' },
};

/** Constraint names → messages. Features add theirs here as their tables arrive. */
export const CONSTRAINT_MESSAGES: Record<string, MappedError> = {
  workspaces_name_check: { key: 'validation.tooLong', field: 'name' },
};

const SQLSTATE: Record<string, MessageKey> = {
  '23505': 'errors.duplicate',
  '23514': 'errors.invalidValue',
  '23502': 'validation.required',
  '23503': 'errors.missingReference',
  '22001': 'validation.tooLong',
  '42501': 'errors.forbidden',
};

function isPgError(error: unknown): error is { code: string; constraint?: string; message: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as { code: string }).code) && !isAuthError(error);
}

export function mapError(error: unknown): MappedError | undefined {
  if (isAuthError(error)) {
    if (error.code && AUTH_CODES[error.code]) return AUTH_CODES[error.code];
    if (error.status === 429) return { key: 'errors.rateLimited' };
    if (error.status === 401 || error.status === 403) return { key: 'errors.sessionExpired' };
    return undefined;
  }
  if (isPgError(error)) {
    if (error.constraint && CONSTRAINT_MESSAGES[error.constraint]) return CONSTRAINT_MESSAGES[error.constraint];
    const key = SQLSTATE[error.code];
    return key ? { key } : undefined;
  }
  return undefined;
}
