// Refresh-token rotation and reuse detection, through supabase-js refreshSession().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthHarness, type AuthHarness } from './auth-harness';

let h: AuthHarness;

beforeAll(async () => {
  h = await startAuthHarness();
});

afterAll(async () => {
  await h?.stop();
});

async function signedIn() {
  const { client } = await h.user();
  const { data } = await client.auth.getSession();
  return { client, session: data.session! };
}

async function refreshWith(refreshToken: string) {
  return h.client().auth.refreshSession({ refresh_token: refreshToken });
}

/** Moves a revoked token's revocation back in time, past the 10 s reuse interval. */
async function ageRevocation(token: string) {
  await h.db.query(`update auth.refresh_tokens set updated_at = updated_at - interval '1 minute' where token = $1`, [token]);
}

describe('refresh_token grant', () => {
  it('rotates: the used token is revoked and a child issued with it as parent; the new access token works', async () => {
    const { session } = await signedIn();
    const { data, error } = await refreshWith(session.refresh_token);
    expect(error).toBeNull();
    const next = data.session!;
    expect(next.refresh_token).not.toBe(session.refresh_token);
    expect(next.access_token).not.toBe(session.access_token);
    expect(next.user.id).toBe(session.user.id);

    const { rows } = await h.db.query(
      `select token, revoked, parent, session_id from auth.refresh_tokens where token = any($1) order by id`,
      [[session.refresh_token, next.refresh_token]],
    );
    expect(rows).toMatchObject([
      { token: session.refresh_token, revoked: true, parent: null },
      { token: next.refresh_token, revoked: false, parent: session.refresh_token, session_id: rows[0].session_id },
    ]);
    expect((await h.client().auth.getUser(next.access_token)).error).toBeNull();
  });

  it('within the reuse interval a used token answers with the session’s current token (racing tabs)', async () => {
    const { session } = await signedIn();
    const first = await refreshWith(session.refresh_token);
    const again = await refreshWith(session.refresh_token);
    expect(again.error).toBeNull();
    expect(again.data.session?.refresh_token).toBe(first.data.session?.refresh_token);
  });

  it('reusing an old token later revokes the whole session: the newest token fails too', async () => {
    const { session } = await signedIn();
    const first = await refreshWith(session.refresh_token);
    const second = await refreshWith(first.data.session!.refresh_token);
    const newest = second.data.session!.refresh_token;
    await ageRevocation(session.refresh_token);

    const reused = await refreshWith(session.refresh_token);
    expect(reused.error).toMatchObject({ status: 400, code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' });
    expect(reused.data.session).toBeNull();

    const afterTheft = await refreshWith(newest);
    expect(afterTheft.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });

    const { rows } = await h.db.query(
      `select bool_and(revoked) as all_revoked from auth.refresh_tokens where session_id = (select session_id from auth.refresh_tokens where token = $1)`,
      [newest],
    );
    expect(rows[0].all_revoked).toBe(true);
    const audit = await h.db.query(
      `select 1 from auth.audit_log_entries where payload->>'action' = 'token_revoked' and payload->>'actor_id' = $1`,
      [session.user.id],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('an unknown refresh token is refresh_token_not_found', async () => {
    const { error } = await refreshWith('no-such-token');
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('a refresh token of a signed-out session is refresh_token_not_found', async () => {
    const { client, session } = await signedIn();
    await client.auth.signOut();
    const { error } = await refreshWith(session.refresh_token);
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });
});
