// Sign-out does not end access (issue 13, finding 7): an access token stays unexpired for up to an
// hour after its session ended. The one DB entry point (withUserTransaction) and Storage check
// that the token's session still stands, so after sign-out, global sign-out or a password reset
// the old token reads nothing. Through the real supabase-js client against the stand-in.
import { createClient, type JwtPayload, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionEndedError } from '@/lib/auth/signed-out';
import { asVerifiedClaims, type VerifiedClaims } from '@/lib/auth/verified-claims';
import { withUserTransaction } from '@/lib/db/transaction';
import { testClientOptions } from '../support/stand-in';
import { startAuthHarness, type AuthHarness } from './auth-harness';

let h: AuthHarness;

beforeAll(async () => {
  h = await startAuthHarness();
});

afterAll(async () => {
  await h?.stop();
});

interface SignedIn {
  client: SupabaseClient;
  token: string;
  claims: VerifiedClaims;
  workspaceId: string;
}

async function signIn(email: string, password: string): Promise<SignedIn> {
  const client = h.client();
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  if (error || !data.session) throw error ?? new Error('no session');
  const verified = await client.auth.getClaims();
  const claims = asVerifiedClaims(verified.data?.claims as JwtPayload);
  if (!claims) throw new Error('claims rejected');
  const { rows } = await h.db.query(`select workspace_id from public.workspace_members where user_id = $1`, [claims.sub]);
  return { client, token: data.session.access_token, claims, workspaceId: rows[0].workspace_id };
}

/** What the old token still reaches: the workspace through SQL, a file through Storage. */
async function reach(session: SignedIn) {
  const sql = await withUserTransaction(
    session.claims,
    async (tx, workspace) => ({
      workspace: workspace?.id ?? null,
      names: (await tx.query(`select name from public.workspaces`)).rows.length,
    }),
    { pool: h.appPool },
  ).catch((error: unknown) => error);
  // A client that sends the old access token as it is, never refreshed.
  const asOldToken = createClient(h.apiUrl, h.anonKey, {
    ...testClientOptions,
    global: { headers: { Authorization: `Bearer ${session.token}` } },
  }).storage.from('documents');
  const listed = await asOldToken.list(session.workspaceId);
  const download = await asOldToken.download(`${session.workspaceId}/note.txt`);
  return { sql, listed, download };
}

async function userWithFile() {
  const { email, password } = await h.user();
  const session = await signIn(email, password);
  const upload = await session.client.storage
    .from('documents')
    .upload(`${session.workspaceId}/note.txt`, new Blob(['hemlig anteckning'], { type: 'text/plain' }), { contentType: 'text/plain' });
  expect(upload.error).toBeNull();
  const before = await reach(session);
  expect(before.sql).toEqual({ workspace: session.workspaceId, names: 1 });
  expect(before.listed.data?.map((f) => f.name)).toEqual(['note.txt']);
  expect(await before.download.data?.text()).toBe('hemlig anteckning');
  return { email, password, session };
}

function expectNoAccess(after: Awaited<ReturnType<typeof reach>>) {
  expect(after.sql).toBeInstanceOf(SessionEndedError);
  expect(after.listed.data).toBeNull();
  expect(after.listed.error).not.toBeNull();
  expect(after.download.data).toBeNull();
  expect(after.download.error).not.toBeNull();
}

describe('Sign-out does not end access', () => {
  it('sign-out: the old access token reads nothing through SQL or Storage', async () => {
    const { session } = await userWithFile();
    expect((await session.client.auth.signOut({ scope: 'local' })).error).toBeNull();
    expectNoAccess(await reach(session));
  });

  it('global sign-out (scope=global): every session’s old token reads nothing', async () => {
    const { email, password, session } = await userWithFile();
    const elsewhere = await signIn(email, password);
    expect((await elsewhere.client.auth.signOut({ scope: 'global' })).error).toBeNull();
    expectNoAccess(await reach(session));
    expectNoAccess(await reach(elsewhere));
  });

  it('password reset signing out everywhere: the old token reads nothing', async () => {
    const { email, session } = await userWithFile();
    expect((await h.client().auth.resetPasswordForEmail(email)).error).toBeNull();
    const mails = h.standIn.outbox.list(email);
    const tokenHash = new URL(mails[mails.length - 1].links[0]).searchParams.get('token_hash')!;
    const recovering = h.client();
    expect((await recovering.auth.verifyOtp({ type: 'recovery', token_hash: tokenHash })).error).toBeNull();
    expect((await recovering.auth.updateUser({ password: 'ett helt nytt lösenord' })).error).toBeNull();
    expectNoAccess(await reach(session));
  });

  it('a session that timed out (not_after passed) is signed out too; a live one still reads', async () => {
    const { session } = await userWithFile();
    await h.db.query(`update auth.sessions set not_after = now() - interval '1 second' where id = $1`, [session.claims.session_id]);
    expectNoAccess(await reach(session));
  });

  it('claims naming no session, or another user’s session, are signed out', async () => {
    const { session } = await userWithFile();
    const { session: other } = await userWithFile();
    const withoutSession = { ...session.claims, session_id: undefined } as unknown as VerifiedClaims;
    const borrowed = { ...session.claims, session_id: other.claims.session_id } as VerifiedClaims;
    const malformed = { ...session.claims, session_id: 'not-a-uuid' } as VerifiedClaims;
    for (const claims of [withoutSession, borrowed, malformed]) {
      await expect(withUserTransaction(claims, async () => 'read', { pool: h.appPool })).rejects.toBeInstanceOf(SessionEndedError);
    }
  });
});
