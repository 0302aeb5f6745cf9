// Password and email change need no re-authentication (issue 13, finding 8), and the invitation
// takeover that rode on it (finding 5). The stand-in runs with supabase/config.toml's settings:
// secure_password_change (a session older than 24 hours, as GoTrue counts, needs the nonce GET
// /reauthenticate mails), the password-changed notice, and double_confirm_changes (an email change waits for the
// links sent to both addresses). Through the real supabase-js client, as hosted Auth is called.
import type { JwtPayload, SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECENT_SIGN_IN_MINUTES } from '../../embedded/auth/accounts';
import { asVerifiedClaims } from '@/lib/auth/verified-claims';
import { withUserTransaction } from '@/lib/db/transaction';
import { startAuthHarness, uniqueEmail, type AuthHarness } from './auth-harness';

let h: AuthHarness;

beforeAll(async () => {
  h = await startAuthHarness();
});

afterAll(async () => {
  await h?.stop();
});

const mailsTo = (email: string) => h.standIn.outbox.list(email);
const lastMail = (email: string) => mailsTo(email).at(-1)!;
const tokenHashOf = (link: string) => new URL(link).searchParams.get('token_hash')!;

/** Makes the client's session look signed in long ago, as a stolen session cookie would be. */
async function ageSession(client: SupabaseClient) {
  const { data } = await client.auth.getClaims();
  await h.db.query(`update auth.sessions set created_at = now() - make_interval(mins => $2) where id = $1`, [
    data?.claims.session_id,
    RECENT_SIGN_IN_MINUTES + 1,
  ]);
}

async function signsIn(email: string, password: string) {
  return !(await h.client().auth.signInWithPassword({ email, password })).error;
}

describe('Password and email change need no re-authentication', () => {
  it('an older session cannot set a new password without the nonce mailed to the address', async () => {
    const { client, email, password } = await h.user();
    await ageSession(client);

    const bare = await client.auth.updateUser({ password: 'stulen-session-1' });
    expect(bare.error).toMatchObject({ status: 400, code: 'reauthentication_needed' });
    const guessed = await client.auth.updateUser({ password: 'stulen-session-1', nonce: '000000' });
    expect(guessed.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' });
    expect(await signsIn(email, password)).toBe(true);
    expect(await signsIn(email, 'stulen-session-1')).toBe(false);

    expect((await client.auth.reauthenticate()).error).toBeNull();
    const mail = lastMail(email);
    expect(mail.subject).toBe('Din bekräftelsekod');
    const nonce = /\b(\d{6})\b/.exec(mail.text)![1];
    expect((await client.auth.updateUser({ password: 'nytt-lösen-med-kod', nonce })).error).toBeNull();
    expect(await signsIn(email, 'nytt-lösen-med-kod')).toBe(true);
    expect(await signsIn(email, password)).toBe(false);
    // The nonce works once.
    await ageSession(client);
    expect((await client.auth.updateUser({ password: 'en-gång-till-1', nonce })).error).toMatchObject({
      code: 'reauthentication_not_valid',
    });
  });

  it('asks for the nonce only once the session is a day old, as GoTrue does (internal/api/user.go: 24 hours)', async () => {
    const { client, email } = await h.user();
    const { data } = await client.auth.getClaims();
    await h.db.query(`update auth.sessions set created_at = now() - interval '23 hours' where id = $1`, [data?.claims.session_id]);
    expect((await client.auth.updateUser({ password: 'dagsgammal-session-1' })).error).toBeNull();
    expect(await signsIn(email, 'dagsgammal-session-1')).toBe(true);
  });

  it('a fresh sign-in changes the password directly, and the address is told either way', async () => {
    const { client, email } = await h.user();
    const before = mailsTo(email).length;
    expect((await client.auth.updateUser({ password: 'nyss-inloggad-1' })).error).toBeNull();
    expect(await signsIn(email, 'nyss-inloggad-1')).toBe(true);
    const notices = mailsTo(email).slice(before);
    expect(notices.map((m) => m.subject)).toEqual(['Ditt lösenord har ändrats']);
    expect(notices[0].text).toContain('har just ändrats');
  });

  it('a nonce belongs to its user: another user’s nonce is refused, and guessing is limited', async () => {
    const victim = await h.user();
    const thief = await h.user();
    await ageSession(victim.client);
    expect((await thief.client.auth.reauthenticate()).error).toBeNull();
    const thiefsNonce = /\b(\d{6})\b/.exec(lastMail(thief.email).text)![1];
    expect((await victim.client.auth.updateUser({ password: 'fel-persons-kod', nonce: thiefsNonce })).error).toMatchObject({
      code: 'reauthentication_not_valid',
    });
    let limited = false;
    for (let i = 0; i < 12 && !limited; i++) {
      const { error } = await victim.client.auth.updateUser({ password: 'gissning-1', nonce: String(100000 + i) });
      limited = error?.status === 429;
    }
    expect(limited).toBe(true);
    expect(await signsIn(victim.email, victim.password)).toBe(true);
  });

  it('an email change waits for both addresses’ links; either one alone changes nothing', async () => {
    const { client, email, password, id } = await h.user();
    const newEmail = uniqueEmail('ny-adress');
    const { data, error } = await client.auth.updateUser({ email: newEmail });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, new_email: newEmail });
    expect(await signsIn(newEmail, password)).toBe(false);

    const toNew = lastMail(newEmail);
    const toOld = lastMail(email);
    expect(toNew.subject).toBe('Bekräfta din nya e-postadress');
    expect(toOld.subject).toBe('Bekräfta byte av e-postadress');
    expect(toOld.text).toContain(newEmail);

    // The new address confirms: still the old email until the old address agrees.
    const first = await h.client().auth.verifyOtp({ type: 'email_change', token_hash: tokenHashOf(toNew.links[0]) });
    expect(first.error).toBeNull();
    expect(first.data.session).toBeNull();
    expect((await h.db.query(`select email from auth.users where id = $1`, [id])).rows[0].email).toBe(email);
    expect(await signsIn(newEmail, password)).toBe(false);
    // The same link twice does not count twice.
    expect((await h.client().auth.verifyOtp({ type: 'email_change', token_hash: tokenHashOf(toNew.links[0]) })).error).toMatchObject({
      code: 'otp_expired',
    });

    const second = await h.client().auth.verifyOtp({ type: 'email_change', token_hash: tokenHashOf(toOld.links[0]) });
    expect(second.error).toBeNull();
    expect(second.data.user?.email).toBe(newEmail);
    expect(await signsIn(newEmail, password)).toBe(true);
    expect(await signsIn(email, password)).toBe(false);
    const { rows } = await h.db.query(`select email_change, email_confirmed_at is not null as confirmed from auth.users where id = $1`, [
      id,
    ]);
    expect(rows[0]).toEqual({ email_change: '', confirmed: true });
  });

  it('a newer change request voids the older one’s links', async () => {
    const { client, email, password } = await h.user();
    const first = uniqueEmail('forsta');
    const second = uniqueEmail('andra');
    expect((await client.auth.updateUser({ email: first })).error).toBeNull();
    const oldLinks = [lastMail(first).links[0], lastMail(email).links[0]];
    expect((await client.auth.updateUser({ email: second })).error).toBeNull();
    for (const link of oldLinks) {
      expect((await h.client().auth.verifyOtp({ type: 'email_change', token_hash: tokenHashOf(link) })).error).toMatchObject({
        code: 'otp_expired',
      });
    }
    expect(await signsIn(first, password)).toBe(false);
  });
});

describe('Invitation bound to an email was taken over', () => {
  it('changing one’s own email to the invitee’s address does not make it theirs, so the invitation is refused', async () => {
    const owner = await h.user();
    const attacker = await h.user();
    const invitee = uniqueEmail('revisor');
    const claimsOf = async (client: SupabaseClient) => asVerifiedClaims((await client.auth.getClaims()).data?.claims as JwtPayload)!;
    const token = await withUserTransaction(
      await claimsOf(owner.client),
      async (tx) => (await tx.query<{ token: string }>(`select token from public.create_invitation($1)`, [invitee])).rows[0].token,
      { pool: h.appPool },
    );

    expect((await attacker.client.auth.updateUser({ email: invitee })).error).toBeNull();
    // The change waits for links the attacker cannot open; a refreshed token still carries the old address.
    expect((await attacker.client.auth.refreshSession()).error).toBeNull();
    const accepted = await withUserTransaction(
      await claimsOf(attacker.client),
      async (tx) => tx.query(`select public.accept_invitation($1)`, [token]),
      {
        pool: h.appPool,
      },
    ).catch((error: { message: string }) => error.message);
    expect(accepted).toBe('invitation_email_mismatch');
    const { rows } = await h.db.query(`select accepted_at from public.invitations where email = $1`, [invitee]);
    expect(rows).toEqual([{ accepted_at: null }]);
  });
});
