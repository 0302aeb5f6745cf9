// withUserTransaction on a real database, connected as the app's login role (app_server).
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { SessionEndedError } from '@/lib/auth/signed-out';
import { asVerifiedClaims, type VerifiedClaims } from '@/lib/auth/verified-claims';
import { closePools, getPool } from '@/lib/db/pool';
import { withUserTransaction } from '@/lib/db/transaction';
import { listMyWorkspaces } from '@/lib/db/workspaces';
import { describeEachDatabase } from '../support/db';

function claimsFor(id: string, email: string, sessionId: string): VerifiedClaims {
  const claims = asVerifiedClaims({
    sub: id,
    role: 'authenticated',
    aud: 'authenticated',
    email,
    session_id: sessionId,
    iss: 'test',
    exp: 0,
    iat: 0,
  } as never);
  if (!claims) throw new Error('claims rejected');
  return claims;
}

describeEachDatabase('withUserTransaction', (db, target) => {
  afterAll(async () => {
    await closePools();
  });

  const setup = async () => {
    const emailA = `a-${Math.random().toString(36).slice(2)}@example.test`;
    const a = await db().createUser(emailA);
    const b = await db().createUser();
    await db().admin.query(
      `update public.workspaces set name = 'Firma A' where id in (select workspace_id from public.workspace_members where user_id = $1)`,
      [a],
    );
    await db().admin.query(
      `update public.workspaces set name = 'Firma B' where id in (select workspace_id from public.workspace_members where user_id = $1)`,
      [b],
    );
    return { a, b, claimsA: claimsFor(a, emailA, await db().createSession(a)), pool: getPool(db().appUrl) };
  };

  it('runs as authenticated with the claims, transaction-locally', async () => {
    const { a, claimsA, pool } = await setup();
    const row = await withUserTransaction(
      claimsA,
      async (tx) => (await tx.query(`select current_user as role, auth.uid() as uid, auth.jwt() ->> 'email' as email`)).rows[0],
      { pool },
    );
    expect(row).toEqual({ role: 'authenticated', uid: a, email: claimsA.email });
  });

  it("sees only the user's own workspace", async () => {
    const { claimsA, pool } = await setup();
    const result = await withUserTransaction(
      claimsA,
      async (tx) => ({
        mine: await listMyWorkspaces(tx),
        all: (await tx.query(`select name from public.workspaces`)).rows,
        members: (await tx.query(`select user_id from public.workspace_members`)).rows,
      }),
      { pool },
    );
    expect(result.mine).toHaveLength(1);
    expect(result.mine[0]).toMatchObject({ name: 'Firma A', role: 'owner' });
    expect(result.all).toEqual([{ name: 'Firma A' }]);
    expect(result.members).toEqual([{ user_id: claimsA.sub }]);
  });

  it('acts in one workspace: the chosen one when a member, else the own one; unscoped lists all', async () => {
    const { a, b, claimsA, pool } = await setup();
    const [{ own }] = (await db().admin.query(`select workspace_id as own from public.workspace_members where user_id = $1`, [a])).rows;
    const [{ theirs }] = (await db().admin.query(`select workspace_id as theirs from public.workspace_members where user_id = $1`, [b]))
      .rows;
    await db().admin.query(`insert into public.workspace_members (workspace_id, user_id, role) values ($1, $2, 'accountant')`, [theirs, a]);
    const seen = (options: { workspaceId?: string; unscoped?: boolean }) =>
      withUserTransaction(
        claimsA,
        async (tx, workspace) => ({
          workspace,
          names: (await tx.query(`select name from public.workspaces order by name`)).rows.map((r) => r.name),
        }),
        { pool, ...options },
      );
    expect(await seen({})).toEqual({ workspace: { id: own, role: 'owner' }, names: ['Firma A'] });
    expect(await seen({ workspaceId: theirs })).toEqual({ workspace: { id: theirs, role: 'accountant' }, names: ['Firma B'] });
    // A workspace the user is not a member of is ignored, never shown.
    const stranger = await db().createUser();
    const [{ foreign }] = (
      await db().admin.query(`select workspace_id as foreign from public.workspace_members where user_id = $1`, [stranger])
    ).rows;
    expect(await seen({ workspaceId: foreign })).toEqual({ workspace: { id: own, role: 'owner' }, names: ['Firma A'] });
    expect((await seen({ unscoped: true })).names).toEqual(['Firma A', 'Firma B']);
    // The token's saved choice works like the explicit one.
    const remembered = { ...claimsA, user_metadata: { active_workspace_id: theirs } } as typeof claimsA;
    expect(await withUserTransaction(remembered, async (_tx, w) => w, { pool })).toEqual({ id: theirs, role: 'accountant' });
  });

  it('Sign-out does not end access: a token whose session was deleted opens no transaction', async () => {
    const { a, claimsA, pool } = await setup();
    const other = await db().createSession(a);
    expect(await withUserTransaction(claimsA, async (_tx, w) => Boolean(w), { pool })).toBe(true);
    // Signing out deletes the session row; the access token itself stays unexpired.
    await db().admin.query(`delete from auth.sessions where id = $1`, [claimsA.session_id]);
    let ran = false;
    await expect(
      withUserTransaction(
        claimsA,
        async () => {
          ran = true;
        },
        { pool },
      ),
    ).rejects.toBeInstanceOf(SessionEndedError);
    expect(ran).toBe(false);
    // The user's other session is untouched by a local sign-out.
    expect(await withUserTransaction({ ...claimsA, session_id: other } as VerifiedClaims, async (_tx, w) => Boolean(w), { pool })).toBe(
      true,
    );
  });

  it('rolls back whole when fn throws', async () => {
    const { a, claimsA, pool } = await setup();
    await expect(
      withUserTransaction(
        claimsA,
        async (tx) => {
          const updated = await tx.query(`update public.workspaces set name = 'Ändrad' returning id`);
          expect(updated.rowCount).toBe(1);
          throw new Error('boom');
        },
        { pool },
      ),
    ).rejects.toThrow('boom');
    const { rows } = await db().admin.query(
      `select w.name from public.workspaces w join public.workspace_members m on m.workspace_id = w.id where m.user_id = $1`,
      [a],
    );
    expect(rows).toEqual([{ name: 'Firma A' }]);
  });

  it('leaves no role or claims behind on the pooled connection', async () => {
    const { claimsA } = await setup();
    const pool = new pg.Pool({ connectionString: db().appUrl, max: 1 });
    try {
      await withUserTransaction(claimsA, async (tx) => tx.query('select 1'), { pool });
      const client = await pool.connect();
      try {
        const { rows } = await client.query(
          `select coalesce(current_setting('request.jwt.claims', true), '') as claims, current_user as role`,
        );
        expect(rows[0].claims).toBe('');
        expect(rows[0].role).not.toBe('authenticated');
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });

  it("refuses claims that are not an authenticated user's", async () => {
    expect(asVerifiedClaims({ sub: 'not-a-uuid', role: 'authenticated' } as never)).toBeNull();
    expect(asVerifiedClaims({ sub: '00000000-0000-4000-8000-000000000000', role: 'service_role' } as never)).toBeNull();
    await expect(withUserTransaction(null as never, async () => 1, { pool: getPool(db().appUrl) })).rejects.toThrow(/verified claims/);
  });

  it.runIf(target === 'pg15')('a bare app_server connection is anon and sees no rows', async () => {
    await setup();
    const client = new pg.Client(db().appUrl);
    await client.connect();
    try {
      const who = await client.query(`select current_user as role, session_user as login`);
      expect(who.rows[0]).toEqual({ role: 'anon', login: 'app_server' });
      const seen = await client.query(`select count(*)::int as n from public.workspaces`).then(
        (r) => r.rows[0].n as number,
        (error: { code?: string }) => (error.code === '42501' ? 0 : Promise.reject(error)),
      );
      expect(seen).toBe(0);
    } finally {
      await client.end();
    }
  });
});
