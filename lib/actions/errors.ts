// Maps what can go wrong in an action to a message key: Auth API error codes, Postgres errors
// (lib/db/constraint-messages.ts: constraint name, raised code, then SQLSTATE), with the form field
// the constraint is about. Unknown errors become a generic message and are logged.
import { isAuthError } from '@supabase/supabase-js';
import { messageKeyFor } from '@/lib/db/constraint-messages';
import type { MessageKey } from '@/lib/i18n/catalogue';

export interface MappedError {
  key: MessageKey;
  /** A form field the message belongs to, when known. */
  field?: string;
}

/** The HTTP status a route handler answers a mapped refusal with. */
export function statusOf(mapped: MappedError): number {
  if (mapped.key === 'db.forbidden') return 403;
  if (mapped.key === 'db.invalidCharacters') return 400; // the request itself was malformed
  return 422;
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

/** The form field a constraint is about: `business_profiles_org_number_valid` → `orgNumber`. */
function fieldOf(error: { constraint?: string; table?: string; column?: string }): string | undefined {
  let column = error.column;
  if (!column && error.constraint && error.table && error.constraint.startsWith(`${error.table}_`)) {
    column = error.constraint.slice(error.table.length + 1).replace(/_(valid|length|range|nonnegative|positive|max|check|clean)$/, '');
  }
  return column?.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function isPgError(error: unknown): error is { code: string; constraint?: string; table?: string; column?: string; message: string } {
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
    const key = messageKeyFor(error);
    if (key === 'db.unexpected') return undefined; // logged by the caller as unknown
    const field = fieldOf(error);
    return field ? { key, field } : { key };
  }
  return undefined;
}
