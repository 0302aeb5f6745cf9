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

  it("counts each day's hours in the week, the month and the 12-week chart by the calendar, at every edge", async () => {
    const tenant = await makeTenant(db());
    // Days in 2030, so the fixture's hours (today) stay out of every window below.
    const minutes: [string, number, boolean][] = [
      ['2029-12-17', 7, true], // the Monday before the chart's first week
      ['2029-12-24', 11, false], // the chart's first Monday, not billable
      ['2030-02-28', 30, true],
      ['2030-03-01', 45, true], // first of the month, in the week of 25 February
      ['2030-03-11', 60, true], // Monday of the week of 13 March
      ['2030-03-17', 15, true], // its Sunday
      ['2030-03-18', 120, true], // later in March than that week
      ['2030-03-31', 240, true], // the month's last day
      ['2030-04-01', 300, true],
    ];
    await db().asUser(tenant.ownerId, (c) =>
      c.query(
        `insert into time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, billable)
         select $1, $2, d::date, m, 95000, b from unnest($3::text[], $4::int[], $5::boolean[]) as e (d, m, b)`,
        [tenant.workspaceId, tenant.taskId, minutes.map((e) => e[0]), minutes.map((e) => e[1]), minutes.map((e) => e[2])],
      ),
    );
    const on = (day: string) => db().asUser(tenant.ownerId, (c) => loadDashboard(c, tenant.workspaceId, day));

    const march = await on('2030-03-13');
    expect([march.weekMinutes, march.monthMinutes]).toEqual([75, 480]);
    expect(march.weeks[0]).toEqual({ monday: '2029-12-24', minutes: 11, billableMinutes: 0 });
    expect(march.weeks.filter((w) => w.minutes > 0)).toEqual([
      { monday: '2029-12-24', minutes: 11, billableMinutes: 0 },
      { monday: '2030-02-25', minutes: 75, billableMinutes: 75 },
      { monday: '2030-03-11', minutes: 75, billableMinutes: 75 },
    ]);
    // A week that runs into the next month, and the first day of a month.
    const february = await on('2030-02-27');
    expect([february.weekMinutes, february.monthMinutes]).toEqual([75, 30]);
    expect(february.weeks.at(-1)).toEqual({ monday: '2030-02-25', minutes: 75, billableMinutes: 75 });
    const april = await on('2030-04-01');
    expect([april.weekMinutes, april.monthMinutes]).toEqual([300, 300]);
    expect(april.weeks.slice(-3).map((w) => w.minutes)).toEqual([120, 240, 300]);
  });

  it("reads nodes' paths in one pass, leaving out what the caller cannot see", async () => {
    const nodes = [t.taskId, t.projectId, t.clientId, other.taskId, '00000000-0000-4000-8000-000000000000'];
    const paths = (ownerId: string) =>
      db().asUser(ownerId, async (c) => (await c.query(`select id, path from node_paths($1::uuid[]) order by path`, [nodes])).rows);
    expect(await paths(t.ownerId)).toEqual([
      { id: t.clientId, path: 'Provkund AB' },
      { id: t.projectId, path: 'Provkund AB › Projekt' },
      { id: t.taskId, path: 'Provkund AB › Projekt › Uppgift' },
    ]);
    expect(await paths(other.ownerId)).toEqual([{ id: other.taskId, path: 'Provkund AB › Projekt › Uppgift' }]);
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
    // The billed hours are on a sent invoice: the day is locked, the days around it are not.
    const { locked } = await cell();
    expect(locked.filter(Boolean)).toEqual([true]);
    expect(locked[i]).toBe(true);
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

  it('a cell lowered to the floor it shows is accepted, down to nothing, when its entries were made at the same moment', async () => {
    const tenant = await makeTenant(db());
    const day = '2030-05-08';
    // Entries written in one transaction (an import) share created_at: the grid's floor and the
    // cell's write must pick the same one of them as the entry a typed total changes.
    await db().asUser(tenant.ownerId, (c) =>
      c.query(
        `insert into time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore)
         select $1, node, $3::date + d, 5 * k, 95000 from generate_series(1, 24) k, generate_series(-2, 2) d,
                unnest(array[$2::uuid, $4::uuid]) node
          order by (k * 7919) % 24`,
        [tenant.workspaceId, tenant.taskId, day, tenant.projectId],
      ),
    );
    const cell = async () =>
      (await db().asUser(tenant.ownerId, (c) => weekGrid(c, tenant.workspaceId, mondayOf(day)))).find((r) => r.nodeId === tenant.taskId)!;
    const i = (Date.parse(day) - Date.parse(mondayOf(day))) / 86_400_000;
    let shown = await cell();
    expect(shown.minutes[i]).toBe(5 * 300);
    while (shown.minutes[i] > 0) {
      const floor = shown.floor[i];
      await db().asUser(tenant.ownerId, (c) => setDayTotal(c, tenant.workspaceId, tenant.taskId, day, floor));
      shown = await cell();
      expect(shown.minutes[i]).toBe(floor);
    }
  });
});
