// Accountant invitations in the database: the token is random, stored only as its hash,
// single-use, valid 7 days, revocable, bound to the invited address; bad tokens change nothing;
// only the owner invites, revokes and removes; every step is in the audit log.
import { createHash } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { attempt, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('accountant invitations', (db) => {
  let t: Tenant;
  const invite = async (email: string) =>
    (await db().asUser(t.ownerId, (c) => c.query<{ invitation_id: string; token: string }>(`select * from create_invitation($1)`, [email])))
      .rows[0];
  const accept = (userId: string, token: string) => attempt(db(), { user: userId }, `select accept_invitation($1) as ws`, [token]);
  const memberships = async (userId: string) =>
    (await db().admin.query(`select workspace_id, role from workspace_members where user_id = $1 order by role`, [userId])).rows;

  beforeAll(async () => {
    t = await makeTenant(db());
  });

  it('returns a random base64url token once and keeps only its sha256, expiring in 7 days', async () => {
    const a = await invite('Revisor@Example.test ');
    const b = await invite('revisor2@example.test');
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    const { rows } = await db().admin.query(`select * from invitations where id = $1`, [a.invitation_id]);
    expect(rows[0].email).toBe('revisor@example.test');
    expect(Buffer.from(rows[0].token_hash).toString('hex')).toBe(createHash('sha256').update(a.token).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(a.token);
    const days = (rows[0].expires_at.getTime() - rows[0].created_at.getTime()) / 86_400_000;
    expect(days).toBe(7);
    // Nor does the audit log keep anything of it.
    const audit = await db().admin.query(`select new_values from audit_log where table_name = 'invitations' and row_id = $1`, [
      a.invitation_id,
    ]);
    expect(audit.rows[0].new_values.token_hash).toBe('[redacted]');
  });

  it('makes the invited user an accountant once; the token then works no more', async () => {
    const email = 'ny-revisor@example.test';
    const { token, invitation_id } = await invite(email);
    const accountant = await db().createUser(email);
    const accepted = await accept(accountant, token);
    expect(accepted.rows[0]?.ws).toBe(t.workspaceId);
    // attempt() rolls back; accept for real:
    await db().asUser(accountant, (c) => c.query(`select accept_invitation($1)`, [token]));
    expect(await memberships(accountant)).toContainEqual({ workspace_id: t.workspaceId, role: 'accountant' });
    const again = await accept(accountant, token);
    expect(again.message).toBe('invitation_used');
    const audit = await db().admin.query(
      `select table_name, action, actor_id from audit_log where workspace_id = $1 and (row_id = $2 or row_id = $3) order by seq`,
      [t.workspaceId, invitation_id, `${t.workspaceId}/${accountant}`],
    );
    expect(audit.rows).toEqual([
      { table_name: 'invitations', action: 'insert', actor_id: t.ownerId },
      { table_name: 'workspace_members', action: 'insert', actor_id: accountant },
      { table_name: 'invitations', action: 'update', actor_id: accountant },
    ]);
  });

  it('refuses expired, revoked, forged and other-address tokens without changing anything', async () => {
    const email = 'forsiktig@example.test';
    const user = await db().createUser(email);
    const stranger = await db().createUser('annan@example.test');

    const expired = await invite(email);
    await db().admin.query(`update invitations set expires_at = now() - interval '1 second' where id = $1`, [expired.invitation_id]);
    expect((await accept(user, expired.token)).message).toBe('invitation_expired');

    const revoked = await invite(email);
    await db().asUser(t.ownerId, (c) => c.query(`select revoke_invitation($1)`, [revoked.invitation_id]));
    expect((await accept(user, revoked.token)).message).toBe('invitation_revoked');

    expect((await accept(user, 'x'.repeat(43))).message).toBe('invitation_invalid');
    expect((await accept(user, '')).message).toBe('invitation_invalid');

    const valid = await invite(email);
    expect((await accept(stranger, valid.token)).message).toBe('invitation_email_mismatch');
    expect((await attempt(db(), { anon: true }, `select accept_invitation($1)`, [valid.token])).code).toBe('42501');

    expect(await memberships(user)).toHaveLength(1); // own workspace only
    expect(await memberships(stranger)).toHaveLength(1);
    const row = await db().admin.query(`select accepted_at from invitations where id = $1`, [valid.invitation_id]);
    expect(row.rows[0].accepted_at).toBeNull();
  });

  it('Invitation bound to an email was taken over: only a confirmed address accepts', async () => {
    // The attacker holds the invitee's address on an account that never confirmed it.
    const email = 'mottagare@example.test';
    const attacker = await db().createUser(email);
    await db().admin.query(`update auth.users set email_confirmed_at = null where id = $1`, [attacker]);
    const invitation = await invite(email);
    expect((await accept(attacker, invitation.token)).message).toBe('invitation_email_unconfirmed');
    expect(await memberships(attacker)).toHaveLength(1);
    const row = await db().admin.query(`select accepted_at from invitations where id = $1`, [invitation.invitation_id]);
    expect(row.rows[0].accepted_at).toBeNull();
    // Once the address is confirmed, the same invitation is accepted.
    await db().admin.query(`update auth.users set email_confirmed_at = now() where id = $1`, [attacker]);
    expect((await accept(attacker, invitation.token)).rows[0].ws).toBe(t.workspaceId);
  });

  it('shows the signed-in visitor the state of a token and nothing for an unknown one', async () => {
    const { token, invitation_id } = await invite('status@example.test');
    const someone = await db().createUser();
    const status = async () => (await attempt(db(), { user: someone }, `select * from invitation_status($1)`, [token])).rows;
    expect(await status()).toEqual([{ status: 'valid', workspace_name: expect.any(String), email: 'status@example.test' }]);
    await db().asUser(t.ownerId, (c) => c.query(`select revoke_invitation($1)`, [invitation_id]));
    expect((await status())[0].status).toBe('revoked');
    expect((await attempt(db(), { user: someone }, `select * from invitation_status('nope')`)).rows).toEqual([]);
    expect((await attempt(db(), { anon: true }, `select * from invitation_status($1)`, [token])).code).toBe('42501');
  });

  it('lets only the owner invite, revoke, list access and remove an accountant, who loses access at once', async () => {
    const email = 'tas-bort@example.test';
    const { token } = await invite(email);
    const accountant = await db().createUser(email);
    await db().asUser(accountant, (c) => c.query(`select accept_invitation($1)`, [token]));

    // Refused by the database, not only hidden in the UI.
    const pending = await invite('pending@example.test');
    for (const sql of [
      [`select create_invitation('kompis@example.test')`, []],
      [`select revoke_invitation($1)`, [pending.invitation_id]],
      [`select remove_accountant($1)`, [accountant]],
      [`select * from workspace_access()`, []],
    ] as const) {
      const scoped = await asActive(accountant, t.workspaceId, sql[0], [...sql[1]]);
      expect(scoped.code, sql[0]).toBe('42501');
      expect(scoped.message, sql[0]).toBe('not_workspace_owner');
    }
    expect(
      (await attempt(db(), { user: accountant }, `delete from workspace_members where workspace_id = $1`, [t.workspaceId])).rowCount,
    ).toBe(0);
    expect((await attempt(db(), { user: accountant }, `update invitations set revoked_at = null`)).rowCount).toBe(0);

    const access = await db().asUser(t.ownerId, (c) => c.query(`select email, role from workspace_access()`));
    expect(access.rows).toContainEqual({ email, role: 'accountant' });
    expect(access.rows[0].role).toBe('owner');

    const before = await attempt(db(), { user: accountant }, `select id from invoices where workspace_id = $1`, [t.workspaceId]);
    expect(before.rowCount).toBe(1);
    await db().asUser(t.ownerId, (c) => c.query(`select remove_accountant($1)`, [accountant]));
    for (const table of ['invoices', 'invoice_lines', 'client_details', 'workspaces', 'sie_accounts']) {
      const col = table === 'workspaces' ? 'id' : 'workspace_id';
      expect((await attempt(db(), { user: accountant }, `select 1 from ${table} where ${col} = $1`, [t.workspaceId])).rowCount, table).toBe(
        0,
      );
    }
    const removedAudit = await db().admin.query(
      `select action, actor_id from audit_log where table_name = 'workspace_members' and row_id = $1 order by seq`,
      [`${t.workspaceId}/${accountant}`],
    );
    expect(removedAudit.rows.map((r) => r.action)).toEqual(['insert', 'delete']);
    expect(removedAudit.rows[1].actor_id).toBe(t.ownerId);
    // The owner cannot be removed this way, nor someone who is not an accountant there.
    expect((await attempt(db(), { user: t.ownerId }, `select remove_accountant($1)`, [t.ownerId])).message).toBe('accountant_not_found');
  });

  it('does not invite someone who is already a member', async () => {
    const owner = await db().admin.query(`select email from auth.users where id = $1`, [t.ownerId]);
    const refused = await attempt(db(), { user: t.ownerId }, `select create_invitation($1)`, [owner.rows[0].email]);
    expect(refused.message).toBe('invitation_already_member');
  });

  /** A statement as the user with the active workspace set, as the app runs it. */
  async function asActive(userId: string, workspaceId: string, sql: string, params: unknown[]) {
    try {
      await db().asUser(userId, (client) => client.query(sql, params), { workspaceId, rollback: true });
      return { code: undefined as string | undefined, message: 'ok' };
    } catch (error) {
      const e = error as { code: string; message: string };
      return { code: e.code, message: e.message };
    }
  }
});
