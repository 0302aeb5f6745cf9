// Issue 15: a request's memberships are read once, in private.open_request, and left sealed in the
// transaction setting app.memberships for the policies. Any role can write a setting, so the seal
// must not be forgeable: a made-up value, another transaction's genuine value, or a value left
// after the claims or the active workspace changed grant nothing beyond the user's own memberships,
// and no seal, not even a genuine one, lifts the refusal of a session that owes its second factor.
import type pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { addAccountant, addVerifiedFactor, makeTenant, workspaceOf, type Tenant } from './fixtures';

const seal = async (c: pg.PoolClient) => (await c.query(`select current_setting('app.memberships', true) as v`)).rows[0].v as string;
const setSeal = (c: pg.PoolClient, value: string) => c.query(`select set_config('app.memberships', $1, true)`, [value]);
const rows = async (c: pg.PoolClient, table: string, workspaceId: string) =>
  (await c.query(`select 1 from public.${table} where workspace_id = $1`, [workspaceId])).rowCount;
/** Not one row of the workspace shows in any of the tables (a workspace's own row is keyed by id). */
async function expectNothingOf(c: pg.PoolClient, workspaceId: string, tables: string[]) {
  for (const table of tables) {
    const column = table === 'workspaces' ? 'id' : 'workspace_id';
    const seen = await c.query(`select 1 from public.${table} where ${column} = $1`, [workspaceId]);
    expect(seen.rowCount, table).toBe(0);
  }
}

describeEachDatabase('sealed memberships (app.memberships)', (db, target) => {
  let victim: Tenant;
  let outsider: Tenant;
  beforeAll(async () => {
    victim = await makeTenant(db());
    outsider = await makeTenant(db());
  });

  it('the opening seals the memberships, and the policies answer from them as from the lookup', async () => {
    await db().asUser(
      outsider.ownerId,
      async (c) => {
        expect((await seal(c)).split('|')).toHaveLength(3);
        expect(await rows(c, 'time_entries', outsider.workspaceId)).toBeGreaterThan(0);
        expect(await rows(c, 'time_entries', victim.workspaceId)).toBe(0);
      },
      { workspaceId: outsider.workspaceId },
    );
  });

  const seesVictim = (c: pg.PoolClient) => rows(c, 'invoices', victim.workspaceId);
  /**
   * A new accountant of the victim's sees its invoices; then `change` runs while the transaction
   * is open, and they look again with the opening's seal and without it (the lookup).
   */
  async function acrossChange(
    change: (c: pg.PoolClient, accountant: string) => Promise<unknown>,
    options: { claims?: Record<string, unknown>; rollback?: boolean } = {},
  ) {
    const accountant = await addAccountant(db(), victim.workspaceId);
    const seen = await db().asUser(
      accountant,
      async (c) => {
        expect(await seesVictim(c)).toBeGreaterThan(0);
        await change(c, accountant);
        const sealed = await seesVictim(c);
        await setSeal(c, '');
        return { sealed, lookedUp: await seesVictim(c) };
      },
      { workspaceId: victim.workspaceId, ...options },
    );
    return { accountant, ...seen };
  }

  it('the policies read the genuine seal itself: what the lookup would now refuse still counts in the transaction', async () => {
    // The opening seals with private.request_seal and the policies check by the same formula
    // written out in private.member_workspace_ids; if the two differ, a genuine seal stops
    // verifying and the policies fall back to the lookup. The owner starts requiring a second
    // factor of accountants (a write that, unlike a membership's, leaves the seal in place): the
    // lookup refuses this aal1 accountant from then on, the seal of the opening does not.
    const { sealed, lookedUp } = await acrossChange(
      async (c) => {
        await c.query(`reset role`);
        await c.query(`update public.workspaces set accountants_need_second_factor = true where id = $1`, [victim.workspaceId]);
        await c.query(`select set_config('role', 'authenticated', true)`);
      },
      { claims: { aal: 'aal1' }, rollback: true },
    );
    expect(sealed).toBeGreaterThan(0);
    expect(lookedUp).toBe(0);
  });

  // PGlite serves one connection at a time, so a second transaction cannot commit meanwhile.
  if (target === 'pg15') {
    it("the policies trust a genuine seal: a request's memberships are those at its start", async () => {
      // Removed by another transaction while this one runs, the accountant's membership still
      // counts here (the lookup already misses it), and no longer in the next request.
      const { accountant, sealed, lookedUp } = await acrossChange((_, accountant) =>
        db().admin.query(`delete from public.workspace_members where user_id = $1 and workspace_id = $2`, [accountant, victim.workspaceId]),
      );
      expect(sealed).toBeGreaterThan(0);
      expect(lookedUp).toBe(0);
      expect(await db().asUser(accountant, seesVictim, { workspaceId: victim.workspaceId })).toBe(0);
    });
  }

  it("a forged seal naming another tenant's workspace shows nothing of it", async () => {
    await db().asUser(
      outsider.ownerId,
      async (c) => {
        const genuine = (await seal(c)).split('|');
        // The victim's workspace as owned, with every MAC an attacker could try without the key.
        for (const mac of ['0'.repeat(64), genuine[2], '']) {
          await setSeal(c, [victim.workspaceId, '', mac].join('|'));
          await expectNothingOf(c, victim.workspaceId, [
            'time_entries',
            'nodes',
            'invoices',
            'client_details',
            'workspaces',
            'workspace_members',
          ]);
        }
        // Its own rows still show (the lookup answers when the seal does not verify).
        expect(await rows(c, 'time_entries', outsider.workspaceId)).toBeGreaterThan(0);
      },
      { workspaceId: outsider.workspaceId },
    );
  });

  it("the victim's genuine seal, copied into another transaction, grants nothing", async () => {
    const stolen = await db().asUser(victim.ownerId, seal, { workspaceId: victim.workspaceId });
    expect(stolen).toContain(victim.workspaceId);
    await db().asUser(outsider.ownerId, async (c) => {
      await setSeal(c, stolen);
      expect(await rows(c, 'time_entries', victim.workspaceId)).toBe(0);
      expect(await rows(c, 'invoices', victim.workspaceId)).toBe(0);
    });
  });

  it('a seal stops counting when the claims or the active workspace change mid-transaction', async () => {
    await db().asUser(
      victim.ownerId,
      async (c) => {
        expect(await rows(c, 'nodes', victim.workspaceId)).toBeGreaterThan(0);
        await c.query(`select set_config('request.jwt.claims', $1, true)`, [
          JSON.stringify({ sub: outsider.ownerId, role: 'authenticated' }),
        ]);
        expect(await rows(c, 'nodes', victim.workspaceId)).toBe(0);
        // The lookup answers for the new claims (still narrowed to the active workspace).
        await c.query(`select set_config('app.workspace_id', $1, true)`, [outsider.workspaceId]);
        expect(await rows(c, 'nodes', outsider.workspaceId)).toBeGreaterThan(0);
      },
      { workspaceId: victim.workspaceId, rollback: true },
    );
    const accountant = await addAccountant(db(), victim.workspaceId);
    const own = await workspaceOf(db(), accountant);
    await db().asUser(
      accountant,
      async (c) => {
        expect(await rows(c, 'invoices', victim.workspaceId)).toBe(0);
        await c.query(`select set_config('app.workspace_id', $1, true)`, [victim.workspaceId]);
        expect(await rows(c, 'invoices', victim.workspaceId)).toBeGreaterThan(0);
      },
      { workspaceId: own },
    );
  });

  it('no seal lifts the refusal of a session that owes its second factor', async () => {
    const guarded = await makeTenant(db());
    await addVerifiedFactor(db(), guarded.ownerId);
    const at = (aal: string) => ({ workspaceId: guarded.workspaceId, claims: { aal } });
    const passed = await db().asUser(guarded.ownerId, seal, at('aal2'));
    await db().asUser(
      guarded.ownerId,
      async (c) => {
        // Its own genuine seal names no workspace, and the seal of a session that did its second
        // step, copied in, names the workspace but is bound to other claims: both see nothing.
        expect((await seal(c)).split('|').slice(0, 2)).toEqual(['', '']);
        expect(passed.split('|')[0]).toBe(guarded.workspaceId);
        for (const sealed of [await seal(c), passed]) {
          await setSeal(c, sealed);
          await expectNothingOf(c, guarded.workspaceId, ['time_entries', 'nodes', 'invoices', 'workspaces']);
        }
      },
      at('aal1'),
    );
  });

  it('a tombstone written in the transaction takes effect at its next statement', async () => {
    await db().asUser(
      victim.ownerId,
      async (c) => {
        expect(await rows(c, 'nodes', victim.workspaceId)).toBeGreaterThan(0);
        await c.query(`select public.request_account_deletion()`);
        expect(await rows(c, 'nodes', victim.workspaceId)).toBe(0);
      },
      { workspaceId: victim.workspaceId, rollback: true },
    );
  });

  it('the key and the MAC function are out of reach of authenticated', async () => {
    await db().asUser(outsider.ownerId, async (c) => {
      await c.query('savepoint probe');
      await expect(c.query(`select * from private.request_key`)).rejects.toMatchObject({ code: '42501' });
      await c.query('rollback to savepoint probe');
      await expect(c.query(`select private.request_seal('x')`)).rejects.toMatchObject({ code: '42501' });
      await c.query('rollback to savepoint probe');
    });
  });
});
