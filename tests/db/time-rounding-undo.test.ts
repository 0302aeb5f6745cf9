// Issue 17, time: the consultant's rounding rule applied by the database where time is written
// (entries, the timer) for every API role, and deleting an entry undone exactly (also on a draft
// invoice line that went with it), never for someone else, never onto a sent invoice.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { mapError } from '@/lib/request/refusals';
import { deleteEntry, restoreEntry, saveEntry } from '@/lib/time/entries';
import { setDayTotal, weekGrid } from '@/lib/time/grid';
import { getRounding, setRounding } from '@/lib/time/rounding';
import { mondayOf } from '@/lib/time/week';
import { describeEachDatabase } from '../support/db';
import { addAccountant, attempt, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('time rounding and undo', (db) => {
  let t: Tenant;
  let other: Tenant;
  let accountant: string;
  beforeAll(async () => {
    t = await makeTenant(db());
    other = await makeTenant(db());
    accountant = await addAccountant(db(), t.workspaceId);
  });

  const rounding = (step: 0 | 1 | 6 | 15) => db().asUser(t.ownerId, (c) => setRounding(c, t.workspaceId, step));
  const entry = (minutes: number, base: Partial<{ id: string | null; description: string }> = {}) =>
    db().asUser(t.ownerId, (c) =>
      saveEntry(c, t.workspaceId, {
        id: null,
        nodeId: t.projectId,
        entryDate: '2026-11-02',
        minutes,
        hourlyRate: null,
        description: 'Skisser',
        billable: true,
        ...base,
      }),
    );
  const timerFor = (seconds: number) =>
    db().asUser(t.ownerId, async (c) => {
      await c.query(`insert into running_timers (workspace_id, node_id, started_at) values ($1, $2, now() - make_interval(secs => $3))`, [
        t.workspaceId,
        t.taskId,
        seconds,
      ]);
      return (await c.query(`select minutes from stop_timer()`)).rows[0].minutes as number;
    });
  const row = async (id: string) =>
    (await db().admin.query(`select to_jsonb(e) as row from time_entries e where id = $1`, [id])).rows[0]?.row ?? null;

  it('rounds nothing by default: typed minutes as typed, a 62 s timer to the nearest minute', async () => {
    expect(await db().asUser(t.ownerId, (c) => getRounding(c, t.workspaceId))).toBe(0);
    expect((await entry(7)).minutes).toBe(7);
    expect(await timerFor(62)).toBe(1);
  });

  it('rounds typed time and the timer up to the chosen step, capped at a day', async () => {
    await rounding(15);
    expect((await entry(7)).minutes).toBe(15);
    expect((await entry(16)).minutes).toBe(30);
    expect((await entry(1439)).minutes).toBe(1440);
    expect(await timerFor(62)).toBe(15);
    await rounding(6);
    expect((await entry(7)).minutes).toBe(12);
    expect(await timerFor(62)).toBe(6);
    await rounding(1);
    expect(await timerFor(62)).toBe(2);
    expect(await timerFor(60)).toBe(1);
    expect((await entry(7)).minutes).toBe(7);
    await rounding(0);
  });

  it('keeps what was logged before the rule while its minutes stay, and rounds the week grid cell it writes', async () => {
    const before = await entry(7);
    await rounding(15);
    expect((await entry(7, { id: before.id, description: 'Skisser, ändrad' })).minutes).toBe(7);
    expect((await entry(20, { id: before.id })).minutes).toBe(30);
    const day = '2026-11-04';
    await db().asUser(t.ownerId, (c) => setDayTotal(c, t.workspaceId, t.clientId, day, 50));
    const grid = await db().asUser(t.ownerId, (c) => weekGrid(c, t.workspaceId, mondayOf(day)));
    expect(grid.find((r) => r.nodeId === t.clientId)?.minutes[2]).toBe(60);
    await rounding(0);
  });

  it('refuses a rounding outside the list, and another tenant or the accountant setting it', async () => {
    const odd = await attempt(
      db(),
      { user: t.ownerId },
      `update business_profiles set time_rounding_minutes = 10 where workspace_id = $1`,
      [t.workspaceId],
    );
    expect(odd.constraint).toBe('business_profiles_time_rounding_valid');
    expect(mapError(odd as never)?.key).toBe('db.timeRoundingInvalid');
    for (const user of [other.ownerId, accountant]) {
      const r = await attempt(db(), { user }, `update business_profiles set time_rounding_minutes = 15 where workspace_id = $1`, [
        t.workspaceId,
      ]);
      expect(r.rowCount, user).toBe(0);
    }
  });

  it('undoes a deletion exactly: the same row, even after the rule changed', async () => {
    const saved = await entry(7, { description: 'Återställs' });
    const original = await row(saved.id);
    await rounding(15);
    await db().asUser(t.ownerId, (c) => deleteEntry(c, t.workspaceId, saved.id));
    expect(await row(saved.id)).toBeNull();
    await db().asUser(t.ownerId, (c) => restoreEntry(c, saved.id));
    expect(await row(saved.id)).toEqual(original);
    // Once: a second undo finds nothing to restore.
    const again = await db()
      .asUser(t.ownerId, (c) => restoreEntry(c, saved.id))
      .catch((e) => e);
    expect(mapError(again)?.key).toBe('db.timeEntryNotRestorable');
    await rounding(0);
  });

  it('lets no one else undo a deletion, and not after an hour', async () => {
    const saved = await entry(45);
    await db().asUser(t.ownerId, (c) => deleteEntry(c, t.workspaceId, saved.id));
    for (const user of [other.ownerId, accountant]) {
      const r = await attempt(db(), { user }, `select id from restore_time_entry($1)`, [saved.id]);
      expect(r.ok, user).toBe(false);
      expect(mapError(r as never)?.key).toBe('db.timeEntryNotRestorable');
    }
    expect((await attempt(db(), { anon: true }, `select id from restore_time_entry($1)`, [saved.id])).ok).toBe(false);
    // No API role reads the kept rows.
    for (const who of [{ user: t.ownerId }, { anon: true as const }, { service: true as const }]) {
      expect((await attempt(db(), who, `select * from private.deleted_time_entries`)).ok).toBe(false);
    }
    await db().admin.query(`update private.deleted_time_entries set deleted_at = now() - interval '61 minutes' where id = $1`, [saved.id]);
    const late = await attempt(db(), { user: t.ownerId }, `select id from restore_time_entry($1)`, [saved.id]);
    expect(late.ok).toBe(false);
    expect(await row(saved.id)).toBeNull();
  });

  it('puts hours back on their draft line, re-creating the line (with its edited text) and the totals', async () => {
    const { entryId, invoiceId } = await db().asUser(t.ownerId, async (c) => {
      const invoiceId = randomUUID();
      const entryId = randomUUID();
      await c.query(`insert into invoices (id, workspace_id, client_node_id) values ($1, $2, $3)`, [invoiceId, t.workspaceId, t.clientId]);
      await c.query(
        `insert into time_entries (id, workspace_id, node_id, entry_date, minutes, hourly_rate_ore) values ($1, $2, $3, '2026-11-05', 90, 100000)`,
        [entryId, t.workspaceId, t.taskId],
      );
      await c.query(`select bill_time_entries($1, $2)`, [invoiceId, [entryId]]);
      await c.query(`update invoice_lines set description = 'Designarbete' where invoice_id = $1`, [invoiceId]);
      return { entryId, invoiceId };
    });
    const state = async () =>
      (
        await db().admin.query(
          `select i.net_ore::int as net, (select json_agg(json_build_object('id', l.id, 'd', l.description, 'q', l.quantity::text)) from invoice_lines l where l.invoice_id = i.id) as lines
             from invoices i where i.id = $1`,
          [invoiceId],
        )
      ).rows[0];
    const before = await state();
    const original = await row(entryId);
    expect(before.net).toBe(150_000);
    await db().asUser(t.ownerId, (c) => deleteEntry(c, t.workspaceId, entryId));
    expect(await state()).toMatchObject({ net: 0, lines: null });
    await db().asUser(t.ownerId, (c) => restoreEntry(c, entryId));
    expect(await state()).toEqual(before);
    expect(await row(entryId)).toEqual(original);

    // Sent meanwhile: the hours come back unbilled, the sent invoice untouched.
    await db().asUser(t.ownerId, (c) => deleteEntry(c, t.workspaceId, entryId));
    await db().asUser(t.ownerId, async (c) => {
      await c.query(
        `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore) values ($1, $2, 'Annat', 1, 100)`,
        [t.workspaceId, invoiceId],
      );
      await c.query(`select send_invoice($1)`, [invoiceId]);
    });
    const sent = await state();
    await db().asUser(t.ownerId, (c) => restoreEntry(c, entryId));
    expect(await row(entryId)).toEqual({ ...original, invoice_line_id: null });
    expect(await state()).toEqual(sent);
  });

  it("keeps nothing when the delete is refused (a sent invoice's hours) or comes from deleting the node", async () => {
    const refused = await db()
      .asUser(t.ownerId, (c) => deleteEntry(c, t.workspaceId, t.billedEntryId))
      .catch((e) => e);
    expect(mapError(refused)?.key).toBe('db.timeEntryBilledLocked');
    const kept = await db().admin.query(`select count(*)::int as n from private.deleted_time_entries where id = $1`, [t.billedEntryId]);
    expect(kept.rows[0].n).toBe(0);

    const keptCount = async (id: string) =>
      (await db().admin.query(`select count(*)::int as n from private.deleted_time_entries where id = $1`, [id])).rows[0].n;
    const temporary = () =>
      db().asUser(t.ownerId, async (c) => {
        const nodeId = randomUUID();
        const entryId = randomUUID();
        await c.query(`insert into nodes (id, workspace_id, parent_id, kind, title) values ($1, $2, $3, 'task', 'Tillfällig')`, [
          nodeId,
          t.workspaceId,
          t.projectId,
        ]);
        await c.query(`insert into time_entries (id, workspace_id, node_id, entry_date, minutes) values ($1, $2, $3, '2026-11-06', 30)`, [
          entryId,
          t.workspaceId,
          nodeId,
        ]);
        return { nodeId, entryId };
      });
    const cascaded = await temporary();
    await db().asUser(t.ownerId, (c) => c.query(`delete from nodes where id = $1`, [cascaded.nodeId]));
    expect(await keptCount(cascaded.entryId)).toBe(0);
    // A kept row goes when its node goes.
    const withNode = await temporary();
    await db().asUser(t.ownerId, (c) => deleteEntry(c, t.workspaceId, withNode.entryId));
    expect(await keptCount(withNode.entryId)).toBe(1);
    await db().asUser(t.ownerId, (c) => c.query(`delete from nodes where id = $1`, [withNode.nodeId]));
    expect(await keptCount(withNode.entryId)).toBe(0);
  });
});
