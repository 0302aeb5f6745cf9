// The hours and dashboard queries the pages run, as the owner under RLS on both databases: what
// the dashboard adds up, the week grid's cells, locks on billed hours, and other tenants' ids.
import { beforeAll, expect, it } from 'vitest';
import { ActionError } from '@/lib/actions/action';
import { mapError } from '@/lib/request/refusals';
import { loadDashboard } from '@/lib/dashboard/queries';
import { deleteEntry, listEntries, saveEntry } from '@/lib/time/entries';
import { loadWeekGridData, setDayTotal, weekGrid } from '@/lib/time/grid';
import { listTimeNodes } from '@/lib/time/nodes';
import { addDays, mondayOf } from '@/lib/time/week';
import { describeEachDatabase } from '../support/db';
import { makeTenant, type Tenant } from './fixtures';

describeEachDatabase('hours and dashboard queries', (db) => {
  let t: Tenant;
  let other: Tenant;
  let today: string;
  beforeAll(async () => {
    t = await makeTenant(db());
    other = await makeTenant(db());
    today = (await db().admin.query(`select current_date::text as d`)).rows[0].d;
  });

  it('adds up unbilled hours per client, this week, and unpaid invoices; overdue after the due date', async () => {
    const data = await db().asUser(t.ownerId, (c) => loadDashboard(c, t.workspaceId, today));
    // The fixture: 1:30 unbilled at 950 kr on the task, 8 h billed by the sent invoice.
    expect(data.unbilled).toEqual([{ clientId: t.clientId, name: 'Provkund AB', minutes: 90, amountOre: 142500 }]);
    expect(data.weekMinutes).toBe(570);
    expect(data.monthMinutes).toBe(570);
    expect(data.outstanding).toEqual({ count: 1, totalOre: 950000 });
    expect(data.overdue.count).toBe(0);
    expect(data.weeks).toHaveLength(12);
    expect(data.weeks.at(-1)).toEqual({ monday: mondayOf(today), minutes: 570, billableMinutes: 570 });
    expect(data.profileComplete).toBe(true);
    const due = (await db().admin.query(`select due_date::text as d from invoices where id = $1`, [t.sentInvoiceId])).rows[0].d;
    const later = await db().asUser(t.ownerId, (c) => loadDashboard(c, t.workspaceId, addDays(due, 1)));
    expect(later.overdue).toEqual({ count: 1, totalOre: 950000 });
  });

  it('shows nothing of a workspace to another tenant who names it', async () => {
    const data = await db().asUser(other.ownerId, (c) => loadDashboard(c, t.workspaceId, today));
    expect(data).toMatchObject({ unbilled: [], weekMinutes: 0, monthMinutes: 0, outstanding: { count: 0, totalOre: 0 } });
    expect(await db().asUser(other.ownerId, (c) => listTimeNodes(c, t.workspaceId))).toEqual([]);
    expect(await db().asUser(other.ownerId, (c) => listEntries(c, t.workspaceId, '2000-01-01', '2100-01-01'))).toEqual([]);
  });

  it('lists nodes with their path and inherited default rate, and entries with the lock of a sent invoice', async () => {
    const nodes = await db().asUser(t.ownerId, (c) => listTimeNodes(c, t.workspaceId));
    expect(nodes.map((n) => [n.path, n.defaultRateOre])).toEqual([
      ['Provkund AB', 95000],
      ['Provkund AB › Projekt', 95000],
      ['Provkund AB › Projekt › Uppgift', 95000],
    ]);
    const entries = await db().asUser(t.ownerId, (c) => listEntries(c, t.workspaceId, today, today));
    const billed = entries.find((e) => e.id === t.billedEntryId)!;
    expect(billed).toMatchObject({ locked: true, invoiceId: t.sentInvoiceId, path: 'Provkund AB › Projekt › Uppgift' });
    expect(entries.find((e) => e.id === t.unbilledEntryId)).toMatchObject({ locked: false, invoiceId: null });
  });

  it("refuses to edit billed hours with the lock message, and another tenant's node as not found", async () => {
    const base = { entryDate: today, minutes: 60, hourlyRate: null, description: 'x', billable: true };
    const locked = await db()
      .asUser(t.ownerId, (c) => saveEntry(c, t.workspaceId, { ...base, id: t.billedEntryId, nodeId: t.taskId }))
      .catch((e) => e);
    expect(mapError(locked)?.key).toBe('db.timeEntryBilledLocked');
    const foreign = await db()
      .asUser(t.ownerId, (c) => saveEntry(c, t.workspaceId, { ...base, id: null, nodeId: other.taskId }))
      .catch((e) => e);
    expect(foreign).toBeInstanceOf(ActionError);
    expect(foreign.key).toBe('time.errors.nodeNotFound');
    const theirs = await db()
      .asUser(other.ownerId, (c) => saveEntry(c, other.workspaceId, { ...base, id: t.unbilledEntryId, nodeId: other.taskId }))
      .catch((e) => e);
    expect(theirs.key).toBe('time.errors.entryNotFound');
    const deleteLocked = await db()
      .asUser(t.ownerId, (c) => deleteEntry(c, t.workspaceId, t.billedEntryId))
      .catch((e) => e);
    expect(mapError(deleteLocked)?.key).toBe('db.timeEntryBilledLocked');
    const deleteTheirs = await db()
      .asUser(other.ownerId, (c) => deleteEntry(c, other.workspaceId, t.unbilledEntryId))
      .catch((e) => e);
    expect(deleteTheirs.key).toBe('time.errors.entryNotFound');
  });

  it('week grid cells set the day total through the newest unbilled entry, never below billed hours', async () => {
    const monday = mondayOf(today);
    const i = (Date.parse(today) - Date.parse(monday)) / 86_400_000;
    const cell = async () => (await db().asUser(t.ownerId, (c) => weekGrid(c, t.workspaceId, monday))).find((r) => r.nodeId === t.taskId)!;
    expect((await cell()).minutes[i]).toBe(570);
    expect((await cell()).floor[i]).toBe(480);
    // The page reads the same rows and the node list in one statement.
    const page = await db().asUser(t.ownerId, (c) => loadWeekGridData(c, t.workspaceId, monday));
    expect(page.rows).toEqual(await db().asUser(t.ownerId, (c) => weekGrid(c, t.workspaceId, monday)));
    expect(page.nodes).toEqual(await db().asUser(t.ownerId, (c) => listTimeNodes(c, t.workspaceId)));
    await db().asUser(t.ownerId, (c) => setDayTotal(c, t.workspaceId, t.taskId, today, 600));
    expect((await cell()).minutes[i]).toBe(600);
    const below = await db()
      .asUser(t.ownerId, (c) => setDayTotal(c, t.workspaceId, t.taskId, today, 400))
      .catch((e) => e);
    expect(below.key).toBe('time.errors.belowFixed');
    await db().asUser(t.ownerId, (c) => setDayTotal(c, t.workspaceId, t.taskId, today, 480));
    const { rows } = await db().admin.query(`select count(*)::int as n from time_entries where id = $1`, [t.unbilledEntryId]);
    expect(rows[0].n).toBe(0);
    // An empty day gets a new entry at the default rate; another tenant cannot write into it.
    const day = addDays(monday, i === 0 ? 1 : 0);
    await db().asUser(t.ownerId, (c) => setDayTotal(c, t.workspaceId, t.projectId, day, 45));
    const added = await db().admin.query(
      `select minutes, hourly_rate_ore::int as rate from time_entries where node_id = $1 and entry_date = $2`,
      [t.projectId, day],
    );
    expect(added.rows).toEqual([{ minutes: 45, rate: 95000 }]);
    const intruder = await db()
      .asUser(other.ownerId, (c) => setDayTotal(c, t.workspaceId, t.projectId, day, 600))
      .catch((e) => e);
    expect(intruder.key).toBe('time.errors.nodeNotFound');
  });
});
