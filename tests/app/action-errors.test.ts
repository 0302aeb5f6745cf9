// The refusal map (lib/request/refusals.ts) used by actions and routes: Auth API codes and Postgres
// errors → message keys, fields and HTTP statuses.
import { AuthApiError } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { mapError } from '@/lib/request/refusals';
import { signInSchema, signUpSchema, resetPasswordSchema } from '@/lib/auth/schemas';
import { isMessageKey } from '@/lib/i18n/catalogue';

describe('mapError', () => {
  it('maps Auth API error codes', () => {
    expect(mapError(new AuthApiError('Invalid login credentials', 400, 'invalid_credentials'))).toMatchObject({
      key: 'errors.invalidCredentials',
    });
    expect(mapError(new AuthApiError('User already registered', 422, 'user_already_exists'))).toMatchObject({
      key: 'errors.userExists',
      field: 'email',
    });
    expect(mapError(new AuthApiError('slow down', 429, 'over_request_rate_limit'))).toMatchObject({ key: 'errors.rateLimited' });
    expect(mapError(new AuthApiError('?', 429, 'something_new'))).toMatchObject({ key: 'errors.rateLimited' });
    expect(mapError(new AuthApiError('?', 500, 'unexpected_failure'))).toBeUndefined();
  });

  it('maps Postgres errors by constraint, raised code, then SQLSTATE, with the field concerned', () => {
    expect(
      mapError({ code: '23514', constraint: 'business_profiles_org_number_valid', table: 'business_profiles', message: 'x' }),
    ).toMatchObject({ key: 'db.orgNumberInvalid', field: 'orgNumber' });
    expect(
      mapError({ code: '55000', message: 'time_entries_billed_locked', constraint: 'time_entries_billed_locked', table: 'time_entries' }),
    ).toMatchObject({ key: 'db.timeEntryBilledLocked' });
    expect(mapError({ code: '23514', message: 'invoice_incomplete:buyer_vat_number' })).toMatchObject({
      key: 'db.invoiceIncomplete.buyerVatNumber',
    });
    expect(mapError({ code: '23505', constraint: 'some_unique', message: 'x' })).toMatchObject({ key: 'db.duplicate' });
    expect(mapError({ code: '42501', message: 'permission denied' })).toMatchObject({ key: 'db.forbidden' });
    expect(mapError({ code: 'XX000', message: 'internal' })).toBeUndefined();
    expect(mapError(new Error('plain'))).toBeUndefined();
  });

  it('gives routes and actions one HTTP status per refusal: RLS 403, not found 404, malformed 400, a broken rule 422', () => {
    const status = (error: object) => mapError(error)?.status;
    expect(status({ code: '42501', message: 'permission denied' })).toBe(403);
    expect(status({ code: 'P0001', message: 'not_workspace_owner' })).toBe(403);
    expect(status({ code: 'P0001', message: 'invoice_not_found' })).toBe(404);
    expect(status({ code: '22021', message: 'invalid byte sequence' })).toBe(400);
    expect(status({ code: '22P02', message: 'invalid input syntax for type uuid' })).toBe(400);
    expect(status({ code: '23514', constraint: 'business_profiles_org_number_valid', table: 'business_profiles', message: 'x' })).toBe(422);
    expect(
      status({ code: '55000', message: 'time_entries_billed_locked', constraint: 'time_entries_billed_locked', table: 'time_entries' }),
    ).toBe(422);
    expect(status(new AuthApiError('slow down', 429, 'over_request_rate_limit'))).toBe(429);
    expect(status(new AuthApiError('gone', 403, 'session_not_found'))).toBe(401);
  });
});

describe('auth form schemas', () => {
  it('use catalogue keys as messages', () => {
    const bad = [
      signInSchema.safeParse({ email: 'nope', password: '' }),
      signUpSchema.safeParse({ email: '', password: 'short' }),
      resetPasswordSchema.safeParse({ password: 'long-enough-1', confirmPassword: 'different-1' }),
    ];
    for (const result of bad) {
      expect(result.success).toBe(false);
      for (const issue of result.error!.issues) expect(isMessageKey(issue.message), issue.message).toBe(true);
    }
  });

  it('only follows same-site paths after sign-in', () => {
    const next = (value: string) => signInSchema.parse({ email: 'a@b.se', password: 'x', next: value }).next;
    expect(next('/fakturor')).toBe('/fakturor');
    expect(next('https://evil.example')).toBe('/');
    expect(next('//evil.example')).toBe('/');
    expect(next('/\\evil.example')).toBe('/');
  });
});
