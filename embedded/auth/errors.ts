// Errors in Supabase Auth's (GoTrue's) JSON shape, `{ code, error_code, msg }`, so supabase-js
// turns them into the same AuthApiError codes the app sees against a hosted project.
import type { ServerResponse } from 'node:http';
import { HttpError, sendJson } from '../http';

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    /** Extra body fields GoTrue sends with some errors (weak_password reasons). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const errors = {
  badJson: (msg = 'Could not parse request body as JSON') => new AuthError(400, 'bad_json', msg),
  validation: (msg: string) => new AuthError(400, 'validation_failed', msg),
  emailInvalid: (email: string) => new AuthError(400, 'email_address_invalid', `Email address "${email}" is invalid`),
  weakPassword: (min: number) =>
    new AuthError(422, 'weak_password', `Password should be at least ${min} characters.`, { weak_password: { reasons: ['length'] } }),
  samePassword: () => new AuthError(422, 'same_password', 'New password should be different from the old password.'),
  userExists: () => new AuthError(422, 'user_already_exists', 'User already registered'),
  emailExists: () => new AuthError(422, 'email_exists', 'A user with this email address has already been registered'),
  userBanned: () => new AuthError(400, 'user_banned', 'User is banned'),
  invalidCredentials: () => new AuthError(400, 'invalid_credentials', 'Invalid login credentials'),
  noAuthorization: () => new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token'),
  badJwt: (msg = 'invalid JWT: unable to parse or verify signature') => new AuthError(403, 'bad_jwt', msg),
  sessionNotFound: () => new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist'),
  userNotFound: () => new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist'),
  refreshNotFound: () => new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found'),
  refreshUsed: () => new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used'),
  otpExpired: () => new AuthError(403, 'otp_expired', 'Email link is invalid or has expired'),
  rateLimited: () => new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached'),
  emailRateLimited: () => new AuthError(429, 'over_email_send_rate_limit', 'Email rate limit exceeded'),
  emailNotConfirmed: () => new AuthError(400, 'email_not_confirmed', 'Email not confirmed'),
  reauthenticationNeeded: () => new AuthError(400, 'reauthentication_needed', 'Password update requires reauthentication'),
  reauthenticationNotValid: () => new AuthError(422, 'reauthentication_not_valid', 'Nonce has expired or is invalid'),
  invalidApiKey: (msg: string) => new AuthError(401, 'no_api_key', msg),
  grantUnsupported: () => new AuthError(400, 'unsupported_grant_type', 'unsupported_grant_type'),
  notFound: () => new AuthError(404, 'not_found', 'Not Found'),
};

/** Maps the shared HTTP helpers' errors (bad JSON, oversized body) onto Auth's shape. */
export function toAuthError(error: unknown): AuthError | null {
  if (error instanceof AuthError) return error;
  if (error instanceof HttpError) {
    if (error.code === 'bad_json') return errors.badJson(error.message);
    if (error.status === 413) return new AuthError(413, 'request_too_large', error.message);
    return new AuthError(error.status, error.code, error.message);
  }
  return null;
}

export function sendAuthError(res: ServerResponse, error: AuthError) {
  if (res.headersSent || res.destroyed) return;
  sendJson(res, error.status, { code: error.status, error_code: error.errorCode, msg: error.message, ...error.extra });
}
