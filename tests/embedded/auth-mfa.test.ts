// Two-factor sign-in with TOTP (issue 18, item 1): the stand-in's /factors routes through the
// real supabase-js client (auth.mfa.enroll, challenge, verify, challengeAndVerify, unenroll,
// listFactors, getAuthenticatorAssuranceLevel), with GoTrue's shapes and error codes, codes
// computed from the secret as an authenticator app does, and the limits and refusals a thief meets.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msUntilNextStep, totpCode } from '../support/totp';
import { startAuthHarness, startExtraAuthGateway, type AuthHarness } from './auth-harness';

let h: AuthHarness;

beforeAll(async () => {
  h = await startAuthHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** Waits out the end of a step so a code computed now is still the current one when it arrives. */
async function freshStep() {
  if (msUntilNextStep() < 3000) await new Promise((r) => setTimeout(r, msUntilNextStep() + 50));
}

async function claimsOf(client: SupabaseClient) {
  const { data } = await client.auth.getClaims();
  return data!.claims;
}

async function enrolTotp(client: SupabaseClient, friendlyName = 'Telefon') {
  const { data, error } = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName });
  expect(error).toBeNull();
  return data!;
}

/** A user with one verified TOTP factor, signed in at aal2 on `client`. */
async function userWithFactor() {
  const user = await h.user();
  const factor = await enrolTotp(user.client);
  await freshStep();
  const { error } = await user.client.auth.mfa.challengeAndVerify({ factorId: factor.id, code: totpCode(factor.totp.secret) });
  expect(error).toBeNull();
  return { ...user, factorId: factor.id, secret: factor.totp.secret };
}

/** A fresh sign-in (aal1) of the user on a new client. */
async function signIn(email: string, password: string) {
  const client = h.client();
  const { error } = await client.auth.signInWithPassword({ email, password });
  expect(error).toBeNull();
  return client;
}

async function verifyOn(client: SupabaseClient, factorId: string, code: string) {
  const challenge = await client.auth.mfa.challenge({ factorId });
  expect(challenge.error).toBeNull();
  return client.auth.mfa.verify({ factorId, challengeId: challenge.data!.id, code });
}

describe('TOTP enrolment', () => {
  it('answers with the secret, an otpauth URI and an SVG QR code, once; the factor waits unverified', async () => {
    const { client, email } = await h.user();
    const factor = await enrolTotp(client, 'Jobbmobilen');
    expect(factor).toMatchObject({ type: 'totp', friendly_name: 'Jobbmobilen' });
    expect(factor.totp.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(factor.totp.uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(factor.totp.secret);
    expect(decodeURIComponent(uri.pathname)).toContain(email);
    expect(factor.totp.qr_code).toMatch(/^data:image\/svg\+xml;utf-8,<svg/);

    const listed = await client.auth.mfa.listFactors();
    expect(listed.data!.all).toMatchObject([{ id: factor.id, status: 'unverified', factor_type: 'totp', friendly_name: 'Jobbmobilen' }]);
    expect(listed.data!.totp).toEqual([]);
    // The secret never leaves again: not in the user object, not in any factor listing.
    const user = await h.raw('/user', {
      headers: { authorization: `Bearer ${(await client.auth.getSession()).data.session!.access_token}` },
    });
    expect(await user.text()).not.toContain(factor.totp.secret);
    // An unverified factor asks nothing more of the session.
    expect((await client.auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal1' });
  });

  it('refuses a name the user already gave a factor, and factor types this project does not offer', async () => {
    const { client } = await h.user();
    await enrolTotp(client, 'Samma');
    const again = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Samma' });
    expect(again.error).toMatchObject({ status: 422, code: 'mfa_factor_name_conflict' });
    const phone = await client.auth.mfa.enroll({ factorType: 'phone', phone: '+46701234567' });
    expect(phone.error).toMatchObject({ status: 422, code: 'mfa_phone_enroll_not_enabled' });
  });
});

describe('TOTP challenge and verify', () => {
  it('a right code verifies the factor and lifts the session to aal2 with totp in amr; a refresh keeps it', async () => {
    const { client } = await h.user();
    const factor = await enrolTotp(client);
    await freshStep();
    const verified = await verifyOn(client, factor.id, totpCode(factor.totp.secret));
    expect(verified.error).toBeNull();
    expect(verified.data).toMatchObject({ token_type: 'bearer', user: { factors: [{ id: factor.id, status: 'verified' }] } });

    const claims = await claimsOf(client);
    expect(claims.aal).toBe('aal2');
    // Most recent first: the second factor, then how the session began (this user's confirmation link).
    expect((claims.amr as { method: string }[]).map((m) => m.method)).toEqual(['totp', 'otp']);
    expect((await client.auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
    expect((await client.auth.mfa.listFactors()).data!.totp).toMatchObject([{ id: factor.id, status: 'verified' }]);

    expect((await client.auth.refreshSession()).error).toBeNull();
    expect((await claimsOf(client)).aal).toBe('aal2');
  });

  it('a new sign-in is aal1 and asks for aal2; challengeAndVerify gets it there', async () => {
    const { email, password, factorId, secret } = await userWithFactor();
    const client = await signIn(email, password);
    expect((await client.auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });
    expect((await claimsOf(client)).aal).toBe('aal1');
    // The code of the enrolment was used: wait for the next step's.
    await new Promise((r) => setTimeout(r, msUntilNextStep() + 50));
    const { error } = await client.auth.mfa.challengeAndVerify({ factorId, code: totpCode(secret) });
    expect(error).toBeNull();
    expect((await client.auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
  }, 45_000);

  it('refuses a wrong code, a replayed code and a spent challenge with GoTrue’s errors', async () => {
    const { email, password, factorId, secret } = await userWithFactor();
    const client = await signIn(email, password);
    const wrong = await verifyOn(client, factorId, totpCode(secret, 5));
    expect(wrong.error).toMatchObject({ status: 422, code: 'mfa_verification_failed', message: 'Invalid TOTP code entered' });
    expect((await verifyOn(client, factorId, 'abcdef')).error).toMatchObject({ status: 422, code: 'mfa_verification_failed' });

    // The code the enrolment used is spent, even within its own 30 seconds and from a new challenge.
    const replay = await verifyOn(client, factorId, totpCode(secret));
    expect(replay.error).toMatchObject({ status: 422, code: 'mfa_verification_failed' });
    expect((await claimsOf(client)).aal).toBe('aal1');

    await new Promise((r) => setTimeout(r, msUntilNextStep() + 50));
    const challenge = await client.auth.mfa.challenge({ factorId });
    const code = totpCode(secret);
    expect((await client.auth.mfa.verify({ factorId, challengeId: challenge.data!.id, code })).error).toBeNull();
    // A challenge answers once; the code it took is spent for every other session too.
    const spent = await client.auth.mfa.verify({ factorId, challengeId: challenge.data!.id, code });
    expect(spent.error).toMatchObject({ status: 422, code: 'mfa_ip_address_mismatch' });
    const elsewhere = await signIn(email, password);
    expect((await verifyOn(elsewhere, factorId, code)).error).toMatchObject({ status: 422, code: 'mfa_verification_failed' });
  }, 45_000);

  it('accepts the codes of the step before and after (clock drift), not two steps away', async () => {
    for (const offset of [-1, 1]) {
      const { client } = await h.user();
      const factor = await enrolTotp(client);
      await freshStep();
      expect((await verifyOn(client, factor.id, totpCode(factor.totp.secret, offset * 2))).error).toMatchObject({
        code: 'mfa_verification_failed',
      });
      expect((await verifyOn(client, factor.id, totpCode(factor.totp.secret, offset))).error).toBeNull();
    }
  });

  it('refuses an expired challenge, and another user’s factor', async () => {
    const { client, factorId, secret } = await userWithFactor();
    const challenge = await client.auth.mfa.challenge({ factorId });
    await h.db.query(`update auth.mfa_challenges set created_at = created_at - interval '6 minutes' where id = $1`, [challenge.data!.id]);
    const expired = await client.auth.mfa.verify({ factorId, challengeId: challenge.data!.id, code: totpCode(secret, 1) });
    expect(expired.error).toMatchObject({ status: 422, code: 'mfa_challenge_expired' });

    const other = await h.user();
    expect((await other.client.auth.mfa.challenge({ factorId })).error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
    expect((await other.client.auth.mfa.unenroll({ factorId })).error).toMatchObject({ status: 404, code: 'mfa_factor_not_found' });
  });

  it('verifying a new factor signs out the account’s sessions that never proved one', async () => {
    const { client, email, password } = await h.user();
    const other = await signIn(email, password);
    const factor = await enrolTotp(client);
    await freshStep();
    expect((await verifyOn(client, factor.id, totpCode(factor.totp.secret))).error).toBeNull();
    expect((await other.auth.getUser()).error).not.toBeNull();
    expect((await client.auth.getUser()).error).toBeNull();
    const { rows } = await h.db.query(`select aal::text from auth.sessions s join auth.users u on u.id = s.user_id where u.email = $1`, [
      email,
    ]);
    expect(rows).toEqual([{ aal: 'aal2' }]);
  });

  it('counts every verify attempt: past the limit even the right code is refused with 429', async () => {
    const gateway = await startExtraAuthGateway(h, { rateLimits: { mfaVerifyPerUser: { max: 3, windowSeconds: 600 } } });
    try {
      const { email, password } = await h.user();
      const client = gateway.client();
      await client.auth.signInWithPassword({ email, password });
      const factor = await enrolTotp(client);
      for (let i = 0; i < 3; i++)
        expect((await verifyOn(client, factor.id, totpCode(factor.totp.secret, 7 + i))).error).toMatchObject({
          code: 'mfa_verification_failed',
        });
      await freshStep();
      const limited = await verifyOn(client, factor.id, totpCode(factor.totp.secret));
      expect(limited.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
      expect((await claimsOf(client)).aal).toBe('aal1');
    } finally {
      await gateway.stop();
    }
  });
});

describe('more than one factor, and removing them', () => {
  it('a second factor needs aal2; either factor then passes the second step', async () => {
    const { client, email, password, factorId, secret } = await userWithFactor();
    const aal1 = await signIn(email, password);
    expect((await aal1.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Reserv' })).error).toMatchObject({
      status: 403,
      code: 'insufficient_aal',
    });
    const spare = await enrolTotp(client, 'Reserv');
    await new Promise((r) => setTimeout(r, msUntilNextStep() + 50));
    expect((await verifyOn(client, spare.id, totpCode(spare.totp.secret))).error).toBeNull();
    const listed = (await client.auth.mfa.listFactors()).data!;
    expect(listed.totp.map((f) => f.id).sort()).toEqual([factorId, spare.id].sort());

    const withSpare = await signIn(email, password);
    expect((await withSpare.auth.mfa.challengeAndVerify({ factorId: spare.id, code: totpCode(spare.totp.secret, 1) })).error).toBeNull();
    expect((await claimsOf(withSpare)).aal).toBe('aal2');
    const withFirst = await signIn(email, password);
    expect((await withFirst.auth.mfa.challengeAndVerify({ factorId, code: totpCode(secret, 1) })).error).toBeNull();
  }, 45_000);

  it('an aal1 session cannot remove a verified factor; an aal2 one can, and the sessions it won drop to aal1', async () => {
    const { client, email, password, factorId } = await userWithFactor();
    const aal1 = await signIn(email, password);
    expect((await aal1.auth.mfa.unenroll({ factorId })).error).toMatchObject({ status: 422, code: 'insufficient_aal' });

    const removed = await client.auth.mfa.unenroll({ factorId });
    expect(removed).toMatchObject({ error: null, data: { id: factorId } });
    expect((await client.auth.mfa.listFactors()).data!.all).toEqual([]);
    expect((await client.auth.refreshSession()).error).toBeNull();
    expect((await claimsOf(client)).aal).toBe('aal1');
    expect((await client.auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal1' });
  });
});

describe('the security audit trail', () => {
  it('records enrolment, challenges, successful verification and removal in auth.audit_log_entries', async () => {
    const { client, id, factorId } = await userWithFactor();
    await client.auth.mfa.unenroll({ factorId });
    const { rows } = await h.db.query<{ action: string; log_type: string; factor_id: string }>(
      `select payload ->> 'action' as action, payload ->> 'log_type' as log_type, payload -> 'traits' ->> 'factor_id' as factor_id
         from auth.audit_log_entries where payload ->> 'actor_id' = $1 and payload ->> 'log_type' = 'factor' order by created_at`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['factor_in_progress', 'challenge_created', 'verification_attempted', 'factor_unenrolled']);
    expect(new Set(rows.map((r) => r.factor_id))).toEqual(new Set([factorId]));
  });
});
