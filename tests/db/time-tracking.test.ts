// Hours rules in the database: the server-side timer (one per user, owner only, stopped into one
// time entry atomically), the default hourly rate walking up the mind-map, and the onboarding mark.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { addAccountant, attempt, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('time tracking', (db) => {
  let t: Tenant;
  let other: Tenant;
  let accountant: string;
  beforeAll(async () => {
    t = await makeTenant(db());
    other = await makeTenant(db());
    accountant = await addAccountant(db(), t.workspaceId);
  });

  const owner = () => ({ user: t.ownerId });

  it('stops a timer into one time entry dated the day it started, with the default rate, and removes it', async () => {
    const entry = await db().asUser(t.ownerId, async (c) => {
      await c.query(
        `insert into running_timers (workspace_id, node_id, started_at, description) values ($1, $2, now() - interval '95 minutes', 'Granskning')`,
        [t.workspaceId, t.taskId],
      );
      const { rows } = await c.query(`select * from stop_timer()`);
      const left = await c.query(`select count(*)::int as n from running_timers`);
      return { ...rows[0], timersLeft: left.rows[0].n };
    });
    expect(entry).toMatchObject({
      node_id: t.taskId,
      minutes: 95,
      description: 'Granskning',
      billable: true,
      hourly_rate_ore: '95000',
      timersLeft: 0,
    });
    // A second stop without a running timer logs nothing.
    const again = await attempt(db(), owner(), `select id from stop_timer()`);
    expect(again.rows[0].id).toBeNull();
  });

  it('keeps one timer per user and workspace', async () => {
    await db().asUser(t.ownerId, (c) =>
      c.query(`insert into running_timers (workspace_id, node_id) values ($1, $2)`, [t.workspaceId, t.taskId]),
    );
    const second = await attempt(db(), owner(), `insert into running_timers (workspace_id, node_id) values ($1, $2)`, [
      t.workspaceId,
      t.projectId,
    ]);
    expect(second.constraint).toBe('running_timers_one_per_user');
    await db().asUser(t.ownerId, (c) => c.query(`delete from running_timers`));
  });

  it('caps a forgotten timer at a day and never logs zero minutes', async () => {
    for (const [ago, expected] of [
      ['3 days', 1440],
      ['5 seconds', 1],
    ] as const) {
      const got = await db().asUser(t.ownerId, async (c) => {
        await c.query(`insert into running_timers (workspace_id, node_id, started_at) values ($1, $2, now() - $3::interval)`, [
          t.workspaceId,
          t.taskId,
          ago,
        ]);
        const { rows } = await c.query(`select minutes from stop_timer()`);
        return rows[0].minutes;
      });
      expect(got, ago).toBe(expected);
    }
  });

  it("refuses a timer on a note and on another tenant's node", async () => {
    expect(
      (await attempt(db(), owner(), `insert into running_timers (workspace_id, node_id) values ($1, $2)`, [t.workspaceId, t.noteId]))
        .constraint,
    ).toBe('time_entries_node_not_note');
    const foreign = await attempt(db(), owner(), `insert into running_timers (workspace_id, node_id) values ($1, $2)`, [
      t.workspaceId,
      other.taskId,
    ]);
    expect(foreign.ok).toBe(false);
    expect(['running_timers_node_same_workspace']).toContain(foreign.constraint);
  });

  it("stop_timer never touches another user's timer", async () => {
    await db().asUser(t.ownerId, (c) =>
      c.query(`insert into running_timers (workspace_id, node_id) values ($1, $2)`, [t.workspaceId, t.taskId]),
    );
    for (const who of [{ user: other.ownerId }, { user: accountant }]) {
      const r = await attempt(db(), who, `select id from stop_timer()`);
      expect(r.rows[0].id).toBeNull();
    }
    const { rows } = await db().admin.query(`select count(*)::int as n from running_timers where workspace_id = $1`, [t.workspaceId]);
    expect(rows[0].n).toBe(1);
    await db().admin.query(`delete from running_timers where workspace_id = $1`, [t.workspaceId]);
  });

  it("defaults the hourly rate from the nearest client up the tree, else the profile, and hides other tenants' nodes", async () => {
    const rate = async (node: string, who = t.ownerId) =>
      (await attempt(db(), { user: who }, `select default_hourly_rate_ore($1) as r`, [node])).rows[0].r;
    expect(await rate(t.taskId)).toBe('95000'); // no client rate: the profile's 950 kr
    await db().admin.query(`update client_details set default_hourly_rate_ore = 120000 where node_id = $1`, [t.clientId]);
    expect(await rate(t.taskId)).toBe('120000');
    expect(await rate(t.projectId)).toBe('120000');
    expect(await rate(t.clientId)).toBe('120000');
    expect(await rate(t.taskId, other.ownerId)).toBeNull();
    expect(await rate(randomUUID())).toBeNull();
    await db().admin.query(`update client_details set default_hourly_rate_ore = null where node_id = $1`, [t.clientId]);
  });

  it('lets the owner, and only the owner, mark onboarding done', async () => {
    const mark = (who: string) =>
      attempt(db(), { user: who }, `update business_profiles set onboarding_done_at = now() where workspace_id = $1`, [t.workspaceId]);
    expect((await mark(t.ownerId)).rowCount).toBe(1);
    expect((await mark(other.ownerId)).rowCount).toBe(0);
    expect((await mark(accountant)).rowCount).toBe(0);
  });
});
