// The mind-map's shape and the documents bucket's limits, as the database enforces and tells them.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { attempt, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('mind-map hierarchy', (db) => {
  let t: Tenant;
  beforeAll(async () => {
    t = await makeTenant(db());
  });

  const insert = (kind: string, parent: string | null) =>
    attempt(db(), { user: t.ownerId }, `insert into nodes (workspace_id, parent_id, kind, title) values ($1, $2, $3, 'Ny')`, [
      t.workspaceId,
      parent,
      kind,
    ]);

  it('accepts clients at the root, projects under clients, tasks under projects and notes under any of them', async () => {
    for (const [kind, parent] of [
      ['client', null],
      ['project', t.clientId],
      ['task', t.projectId],
      ['note', null],
      ['note', t.clientId],
      ['note', t.projectId],
      ['note', t.taskId],
    ] as const) {
      const result = await insert(kind, parent);
      expect({ kind, parent, ok: result.ok, message: result.message }).toEqual({ kind, parent, ok: true, message: undefined });
    }
  });

  it('refuses any other shape with a named constraint the app maps to a message', async () => {
    for (const [kind, parent] of [
      ['client', t.clientId],
      ['project', null],
      ['project', t.projectId],
      ['task', t.clientId],
      ['task', null],
      ['note', t.noteId],
    ] as const) {
      const result = await insert(kind, parent);
      expect({ kind, parent, ok: result.ok, constraint: result.constraint }).toEqual({
        kind,
        parent,
        ok: false,
        constraint: 'nodes_parent_kind_valid',
      });
    }
  });

  it('refuses moving a project under another project, and allows moving it to another client', async () => {
    const other = randomUUID();
    await db().asUser(t.ownerId, (c) =>
      c.query(`insert into nodes (id, workspace_id, kind, title) values ($1, $2, 'client', 'Annan kund')`, [other, t.workspaceId]),
    );
    const bad = await attempt(db(), { user: t.ownerId }, `update nodes set parent_id = $2 where id = $1`, [t.taskId, t.clientId]);
    expect(bad.constraint).toBe('nodes_parent_kind_valid');
    const moved = await attempt(db(), { user: t.ownerId }, `update nodes set parent_id = $2 where id = $1`, [t.projectId, other]);
    expect(moved).toMatchObject({ ok: true, rowCount: 1 });
  });

  it('lets one statement insert children before their parent', async () => {
    const [client, project, task] = [randomUUID(), randomUUID(), randomUUID()];
    const result = await attempt(
      db(),
      { user: t.ownerId },
      `insert into nodes (id, workspace_id, parent_id, kind, title) values
         ($3, $1, $4, 'task', 'U'), ($4, $1, $2, 'project', 'P'), ($2, $1, null, 'client', 'K')`,
      [t.workspaceId, client, task, project],
    );
    expect(result).toMatchObject({ ok: true, rowCount: 3 });
  });

  it('tells signed-in users the documents bucket limits, and nobody signed out', async () => {
    const owner = await attempt(db(), { user: t.ownerId }, 'select * from document_upload_limits()');
    expect(owner.rows).toHaveLength(1);
    expect(Number(owner.rows[0].file_size_limit)).toBe(25 * 1024 * 1024);
    expect(owner.rows[0].allowed_mime_types).toContain('application/pdf');
    const anon = await attempt(db(), { anon: true }, 'select * from document_upload_limits()');
    expect(anon).toMatchObject({ ok: false, code: '42501' });
  });
});
