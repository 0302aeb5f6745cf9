// The security log: Auth's entries about the user (sign-ins, failures, password and email
// changes), the app's events, accountants gaining access; nobody else's entries.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { TestDatabase } from '../support/db';
import { describeEachDatabase } from '../support/db';
import { addAccountant, makeTenant } from './fixtures';

async function authEntry(db: TestDatabase, actorId: string, action: string) {
  await db.admin.query(
    `insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)
     values ('00000000-0000-0000-0000-000000000000', $1, json_build_object('action', $3::text, 'actor_id', $2::text, 'traits', json_build_object('email_changed_from', 'old@example.test')), now(), '10.1.2.3')`,
    [randomUUID(), actorId, action],
  );
}

describeEachDatabase('security log', (db) => {
  it('shows the user their sign-ins, failures, changes, exports and accountant access, and nobody else’s', async () => {
    const t = await makeTenant(db());
    const other = await makeTenant(db());
    for (const action of ['login', 'login_failed', 'user_updated_password', 'user_modified']) await authEntry(db(), t.ownerId, action);
    await authEntry(db(), other.ownerId, 'login');
    await addAccountant(db(), t.workspaceId);
    await db().asUser(t.ownerId, (c) => c.query(`select record_data_export()`));
    // A failed sign-in, as the signed-out app records it (Auth's own failure entries are not shown twice).
    const {
      rows: [{ email }],
    } = await db().admin.query(`select email from auth.users where id = $1`, [t.ownerId]);
    await db().asAnon((c) => c.query(`select private.record_failed_sign_in($1)`, [email.toUpperCase()]));
    await db().asAnon((c) => c.query(`select private.record_failed_sign_in('nobody@example.test')`));

    const log = (await db().asUser(t.ownerId, (c) => c.query(`select source, action, ip_address, details from my_security_log()`))).rows;
    expect(log.map((r) => `${r.source}:${r.action}`).sort()).toEqual(
      [
        'access:workspace_members_insert',
        'app:data_exported',
        'app:login_failed',
        'auth:login',
        'auth:user_modified',
        'auth:user_updated_password',
      ].sort(),
    );
    expect(log.find((r) => r.action === 'login')?.ip_address).toBe('10.1.2.3');
    expect(log.find((r) => r.action === 'workspace_members_insert')?.details).toEqual({ role: 'accountant' });
    // The previous email address is not repeated back.
    expect(JSON.stringify(log)).not.toContain('old@example.test');

    const theirs = (await db().asUser(other.ownerId, (c) => c.query(`select action from my_security_log()`))).rows;
    expect(theirs.map((r) => r.action)).toEqual(['login']);
    const anon = await db()
      .asAnon((c) => c.query(`select * from my_security_log()`))
      .then(
        () => 'ran',
        (e: { code?: string }) => e.code,
      );
    expect(anon).toBe('42501');
  });

  it('caps recorded sign-in failures so calling the function directly cannot flood a log', async () => {
    const t = await makeTenant(db());
    const {
      rows: [{ email }],
    } = await db().admin.query(`select email from auth.users where id = $1`, [t.ownerId]);
    for (let i = 0; i < 25; i++) await db().asAnon((c) => c.query(`select private.record_failed_sign_in($1)`, [email]));
    const { rows } = await db().admin.query(
      `select count(*)::int as n from private.account_events where user_id = $1 and event = 'login_failed'`,
      [t.ownerId],
    );
    expect(rows[0].n).toBe(20);
  });
});
