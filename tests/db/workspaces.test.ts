import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';

describeEachDatabase('workspace created at sign-up', (db) => {
  it('gives a new user exactly one workspace they own, invisible to another user and to anon', async () => {
    const alice = await db().createUser();
    const bob = await db().createUser();
    const mine = await db().asUser(alice, (c) =>
      c.query('select w.id, m.role from workspaces w join workspace_members m on m.workspace_id = w.id'),
    );
    expect(mine.rows).toHaveLength(1);
    expect(mine.rows[0].role).toBe('owner');
    const theirs = await db().asUser(bob, (c) => c.query('select id from workspaces where id = $1', [mine.rows[0].id]));
    expect(theirs.rows).toHaveLength(0);
    const anon = await db().asAnon((c) => c.query('select id from workspaces'));
    expect(anon.rows).toHaveLength(0);
  });
});
