// THE map from refusals to what the user is told, for server actions and route handlers alike: Auth
// API error codes and Postgres errors (lib/db/constraint-messages.ts: constraint name, raised code,
// then SQLSTATE) become a message key, the form field the constraint is about, and the HTTP status
// a route answers with (REST's: 401 signed out, 403 refused by RLS or a grant, 404 not found, 400
// malformed input, 422 a rule the input breaks, 429 rate limited). Unknown errors map to nothing;
// the caller logs them and says something generic.
import { isAuthError } from '@supabase/supabase-js';
import { messageKeyFor } from '@/lib/db/constraint-messages';
import type { MessageKey } from '@/lib/i18n/catalogue';

export interface MappedError {
  key: MessageKey;
  /** A form field the message belongs to, when known. */
  field?: string;
  /** The HTTP status a route handler answers with. */
  status: number;
}

/** Statuses that are not 422, by message key (the rest is a rule the input breaks). */
const STATUS_BY_KEY: Partial<Record<MessageKey, number>> = {
  'db.forbidden': 403,
  'db.notWorkspaceOwner': 403,
  'db.invoiceNotFound': 404,
  'db.invitationNotFound': 404,
  'db.accountantNotFound': 404,
  'db.paymentNotFound': 404,
  'db.invalidCharacters': 400, // the request itself was malformed
  'errors.sessionExpired': 401,
  'errors.invalidCredentials': 401,
  'errors.rateLimited': 429,
};

/** The status for a refusal with this message key. */
export function statusFor(key: MessageKey, sqlstate?: string): number {
  if (sqlstate === '22P02') return 400; // a value of the wrong type (an id that is no uuid)
  return STATUS_BY_KEY[key] ?? 422;
}

const AUTH_CODES: Record<string, Omit<MappedError, 'status'>> = {
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
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as { code: string }).code) &&
    !isAuthError(error)
  );
}

function mapped(key: MessageKey, field?: string, sqlstate?: string): MappedError {
  return field ? { key, field, status: statusFor(key, sqlstate) } : { key, status: statusFor(key, sqlstate) };
}

export function mapError(error: unknown): MappedError | undefined {
  if (isAuthError(error)) {
    const known = error.code ? AUTH_CODES[error.code] : undefined;
    if (known) return mapped(known.key, known.field);
    if (error.status === 429) return mapped('errors.rateLimited');
    if (error.status === 401 || error.status === 403) return mapped('errors.sessionExpired');
    return undefined;
  }
  if (isPgError(error)) {
    const key = messageKeyFor(error);
    if (key === 'db.unexpected') return undefined; // logged by the caller as unknown
    return mapped(key, fieldOf(error), error.code);
  }
  return undefined;
}
