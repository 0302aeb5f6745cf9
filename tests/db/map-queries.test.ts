// The map's SQL as the app runs it, as the owner and as another tenant: another tenant's ids find
// nothing (the routes answer "not found"), writes are whole or not at all, and database refusals
// map to the form field they are about.
import { beforeAll, expect, it } from 'vitest';
import { mapError } from '@/lib/request/refusals';
import { nodeAuditRows } from '@/lib/activity/queries';
import { getClientDetailsForm, saveClientDetails } from '@/lib/map/client-details';
import { clientDetailsSchema } from '@/lib/map/client-details-schema';
import { createNode, getNode, listNodes, updateNode } from '@/lib/map/queries';
import { describeEachDatabase } from '../support/db';
import { makeTenant, type Tenant } from './fixtures';

describeEachDatabase('map queries', (db) => {
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    a = await makeTenant(db());
    b = await makeTenant(db());
  });

  const details = (nodeId: string, over: Record<string, string> = {}) =>
    clientDetailsSchema.parse({ nodeId, name: 'Nordljus Energi AB', orgNumber: '556999-1010', country: 'SE', ...over });

  it("lists, creates and updates the owner's nodes, archive time kept on a second archive", async () => {
    const created = await db().asUser(a.ownerId, (tx) =>
      createNode(tx, a.workspaceId, { kind: 'task', parentId: a.projectId, title: 'Ny uppgift', x: 10, y: 20 }),
    );
    expect(created).toMatchObject({ kind: 'task', parentId: a.projectId, title: 'Ny uppgift', x: 10, y: 20, archivedAt: null });
    const archived = await db().asUser(a.ownerId, (tx) => updateNode(tx, created.id, { archived: true, title: 'Klar' }));
    expect(archived?.archivedAt).toBeTruthy();
    const again = await db().asUser(a.ownerId, (tx) => updateNode(tx, created.id, { archived: true }));
    expect(again?.archivedAt).toEqual(archived?.archivedAt);
    const restored = await db().asUser(a.ownerId, (tx) => updateNode(tx, created.id, { archived: false }));
    expect(restored?.archivedAt).toBeNull();
    const all = await db().asUser(a.ownerId, (tx) => listNodes(tx, a.workspaceId));
    expect(all.map((n) => n.id)).toContain(created.id);
  });

  it('gives another tenant nothing: no node, no update, no details, no history', async () => {
    await db().asUser(b.ownerId, async (tx) => {
      expect(await getNode(tx, a.clientId)).toBeNull();
      expect(await updateNode(tx, a.clientId, { title: 'Kapad' })).toBeNull();
      expect(await getClientDetailsForm(tx, a.clientId)).toBeNull();
      expect(await saveClientDetails(tx, details(a.clientId))).toBe(false);
      expect(await nodeAuditRows(tx, a.workspaceId, a.clientId)).toEqual([]);
      expect(await listNodes(tx, a.workspaceId)).toEqual([]);
    });
    const title = await db().admin.query('select title from nodes where id = $1', [a.clientId]);
    expect(title.rows[0].title).toBe('Provkund AB');
  });

  it('refuses a child under another tenant\'s node as "parent not found"', async () => {
    const error = await db()
      .asUser(b.ownerId, (tx) => createNode(tx, b.workspaceId, { kind: 'project', parentId: a.clientId, title: 'X', x: 0, y: 0 }))
      .catch((e) => e);
    expect(mapError(error)).toMatchObject({ key: 'db.parentInOtherWorkspace' });
  });

  it('saves client details whole and reads them back as the form shows them', async () => {
    const bare = await db().asUser(a.ownerId, (tx) =>
      createNode(tx, a.workspaceId, { kind: 'client', parentId: null, title: 'Ny kund', x: 0, y: 0 }),
    );
    await db().asUser(a.ownerId, (tx) =>
      saveClientDetails(
        tx,
        details(bare.id, { hourlyRate: '1050,50', paymentTerms: '20', reverseCharge: 'on', vatNumber: 'SE556999101001' }),
      ),
    );
    const form = await db().asUser(a.ownerId, (tx) => getClientDetailsForm(tx, bare.id));
    expect(form).toMatchObject({
      name: 'Nordljus Energi AB',
      orgNumber: '556999-1010',
      hourlyRate: '1050,50',
      paymentTerms: '20',
      reverseCharge: 'on',
      country: 'SE',
    });
    // A client without details yet: its title as the name, Sweden as the country.
    const fresh = await db().asUser(a.ownerId, async (tx) =>
      getClientDetailsForm(tx, (await createNode(tx, a.workspaceId, { kind: 'client', parentId: null, title: 'Tom kund', x: 0, y: 0 })).id),
    );
    expect(fresh).toMatchObject({ name: 'Tom kund', country: 'SE', orgNumber: '', reverseCharge: '' });
    expect(await db().asUser(a.ownerId, (tx) => getClientDetailsForm(tx, a.projectId))).toBeNull();
  });

  it("maps the database's own refusals to the form fields", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ orgNumber: '556999-1011' }, 'db.orgNumberInvalid', 'orgNumber'],
      [{ paymentTerms: 400 }, 'db.paymentTermsRange', 'paymentTerms'],
      [{ hourlyRate: -1 }, 'db.hourlyRateNegative', 'hourlyRate'],
      [{ vatNumber: 'SE123' }, 'db.vatNumberInvalid', 'vatNumber'],
    ];
    for (const [over, key, field] of cases) {
      // Past zod, as a client skipping the form would send it: the database still says no.
      const input = { ...details(a.clientId), ...over } as ReturnType<typeof details>;
      const error = await db()
        .asUser(a.ownerId, (tx) => saveClientDetails(tx, input))
        .catch((e) => e);
      expect(mapError(error)).toMatchObject({ key, field });
    }
    const kept = await db().admin.query('select org_number from client_details where node_id = $1', [a.clientId]);
    expect(kept.rows[0].org_number).toBe('556677-8899');
  });

  it("reads the node's history newest first, from its own rows and its client details", async () => {
    await db().asUser(a.ownerId, (tx) => updateNode(tx, a.clientId, { title: 'Nordljus' }));
    for (let i = 0; i < 3; i++) await db().asUser(a.ownerId, (tx) => updateNode(tx, a.clientId, { x: i, y: i }));
    const rows = await db().asUser(a.ownerId, (tx) => nodeAuditRows(tx, a.workspaceId, a.clientId));
    expect(rows[0]).toMatchObject({ tableName: 'nodes', action: 'update', actorId: a.ownerId, newValues: { title: 'Nordljus' } });
    expect(rows.map((r) => r.tableName)).toContain('client_details');
    // Hours logged on a task show on the task, not on its client.
    const taskRows = await db().asUser(a.ownerId, (tx) => nodeAuditRows(tx, a.workspaceId, a.taskId));
    expect(taskRows.filter((r) => r.tableName === 'time_entries' && r.action === 'insert')).toHaveLength(2);
    expect(rows.some((r) => r.tableName === 'time_entries')).toBe(false);
    expect(rows.at(-1)).toMatchObject({ tableName: 'nodes', action: 'insert' });
    // Drags are not history worth reading.
    expect(rows.some((r) => r.action === 'update' && r.newValues && 'position_x' in r.newValues)).toBe(false);
  });
});
