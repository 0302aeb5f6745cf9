// The audit trail: a row per write on every user-data table, append-only for every role,
// hash-chained per workspace, tampering reported, anonymisation keeps the chain verifiable.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { attempt, attemptAsAdmin, makeTenant } from './fixtures';

describeEachDatabase('audit log', (db, target) => {
  const verify = async (workspaceId: string) =>
    (await db().admin.query(`select id, seq, reason from verify_audit_chain($1)`, [workspaceId])).rows;
  const chainLength = async (workspaceId: string) =>
    (await db().admin.query(`select count(*)::int as n from audit_log where workspace_id = $1`, [workspaceId])).rows[0].n as number;
  /** Runs sql as the superuser would behind the app's back: with every trigger off. */
  const bypass = async (sql: string, params: unknown[]) => {
    const client = await db().admin.connect();
    try {
      await client.query('begin');
      await client.query(`set local session_replication_role = replica`);
      await client.query(sql, params);
      await client.query('commit');
    } finally {
      client.release();
    }
  };

  it('has an audit trigger on every table in public but the log itself', async () => {
    const { rows } = await db().admin.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'audit_log'
          and not exists (select 1 from pg_trigger g join pg_proc p on p.oid = g.tgfoid
                          where g.tgrelid = c.oid and p.proname = 'audit_row' and not g.tgisinternal)`,
    );
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  it('records insert, update and delete with who, which row and old -> new, redacting note bodies', async () => {
    const t = await makeTenant(db());
    const id = randomUUID();
    await db().asUser(t.ownerId, async (c) => {
      await c.query(`insert into nodes (id, workspace_id, kind, title, body) values ($1, $2, 'note', 'Hemligt', 'privat text')`, [
        id,
        t.workspaceId,
      ]);
      await c.query(`update nodes set title = 'Ändrat', body = 'ännu mer privat' where id = $1`, [id]);
      await c.query(`delete from nodes where id = $1`, [id]);
    });
    const { rows } = await db().admin.query(
      `select action, actor_id, actor_role, old_values, new_values from audit_log where table_name = 'nodes' and row_id = $1 order by seq`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['insert', 'update', 'delete']);
    expect(rows.every((r) => r.actor_id === t.ownerId && r.actor_role === 'authenticated')).toBe(true);
    expect(rows[0].new_values).toMatchObject({ title: 'Hemligt', body: '[redacted]' });
    expect(rows[1].old_values).toEqual({ title: 'Hemligt', body: '[redacted]' });
    expect(rows[1].new_values).toEqual({ title: 'Ändrat', body: '[redacted]' });
    expect(rows[2].old_values).toMatchObject({ title: 'Ändrat', body: '[redacted]' });
    expect(JSON.stringify(rows)).not.toContain('privat');
    expect(await verify(t.workspaceId)).toEqual([]);
  });

  it('leaves a row for every write of the fixture, in an unbroken chain', async () => {
    const t = await makeTenant(db());
    const { rows } = await db().admin.query(
      `select table_name, count(*)::int as n from audit_log where workspace_id = $1 group by 1 order by 1`,
      [t.workspaceId],
    );
    const tables = rows.map((r) => r.table_name);
    for (const table of [
      'workspaces',
      'workspace_members',
      'business_profiles',
      'nodes',
      'client_details',
      'time_entries',
      'invoices',
      'invoice_lines',
      'invoice_events',
      'number_series',
    ]) {
      expect(tables).toContain(table);
    }
    const seqs = await db().admin.query(`select seq from audit_log where workspace_id = $1 order by seq`, [t.workspaceId]);
    expect(seqs.rows.map((r) => Number(r.seq))).toEqual(seqs.rows.map((_, i) => i + 1));
    expect(await verify(t.workspaceId)).toEqual([]);
    const asOwner = await db().asUser(t.ownerId, (c) => c.query(`select * from verify_audit_chain($1)`, [t.workspaceId]));
    expect(asOwner.rows).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the log for every role, the table owner included', async () => {
    const t = await makeTenant(db());
    for (const who of [{ user: t.ownerId }, { service: true }, { anon: true }] as const) {
      for (const sql of [`update audit_log set actor_id = null where workspace_id = $1`, `delete from audit_log where workspace_id = $1`]) {
        const result = await attempt(db(), who, sql, [t.workspaceId]);
        expect(result.ok && result.rowCount > 0, `${JSON.stringify(who)} ${sql}`).toBe(false);
      }
    }
    for (const sql of [`update audit_log set actor_id = null where workspace_id = $1`, `delete from audit_log where workspace_id = $1`]) {
      expect((await attemptAsAdmin(db(), sql, [t.workspaceId])).message).toBe('audit_log_append_only');
    }
    expect((await attemptAsAdmin(db(), `truncate audit_log`)).message).toBe('audit_log_append_only');
    // Setting the flag by hand does not let an API role through: it has no UPDATE privilege.
    const flagged = await attempt(
      db(),
      { service: true },
      `select set_config('konsultverkstad.audit_retention', 'on', true); update audit_log set anonymised_at = now() where workspace_id = '${t.workspaceId}'`,
    );
    expect(flagged.code).toBe('42501');
    expect(await verify(t.workspaceId)).toEqual([]);
  });

  it("reports a row changed behind the app's back (triggers bypassed by the superuser)", async () => {
    const t = await makeTenant(db());
    const changed = (await db().admin.query(`select id, seq from audit_log where workspace_id = $1 and seq = 5`, [t.workspaceId])).rows[0];
    await bypass(`update audit_log set new_values = jsonb_set(new_values, '{title}', '"förfalskat"') where id = $1`, [changed.id]);
    expect(await verify(t.workspaceId)).toEqual([{ id: changed.id, seq: changed.seq, reason: 'content_changed' }]);
  });

  it('reports a deleted row and a deleted tail', async () => {
    const t = await makeTenant(db());
    const rows = (await db().admin.query(`select id, seq from audit_log where workspace_id = $1 order by seq`, [t.workspaceId])).rows;
    await bypass(`delete from audit_log where id = $1`, [rows.at(-1).id]);
    expect((await verify(t.workspaceId))[0].reason).toBe('tail_missing');
    await bypass(`delete from audit_log where id = $1`, [rows[2].id]);
    expect(await verify(t.workspaceId)).toEqual([{ id: rows[3].id, seq: rows[3].seq, reason: 'seq_gap' }]);
  });

  it('keeps the gap of a deleted tail in view when the app writes on (the chain does not heal over it)', async () => {
    const t = await makeTenant(db());
    const last = (
      await db().admin.query(`select id, seq from audit_log where workspace_id = $1 order by seq desc limit 1`, [t.workspaceId])
    ).rows[0];
    await bypass(`delete from audit_log where id = $1`, [last.id]);
    await db().asUser(t.ownerId, (c) => c.query(`update nodes set title = 'Efter borttaget' where id = $1`, [t.noteId]));
    const next = (
      await db().admin.query(`select id from audit_log where workspace_id = $1 and seq = $2`, [t.workspaceId, Number(last.seq) + 1])
    ).rows[0];
    expect(await verify(t.workspaceId)).toEqual([{ id: next.id, seq: String(Number(last.seq) + 1), reason: 'seq_gap' }]);
  });

  it('chains hundreds of writes of one transaction, rolled-back savepoints among them, and its head ends at the last', async () => {
    const t = await makeTenant(db());
    const before = await chainLength(t.workspaceId);
    await db().asUser(t.ownerId, async (c) => {
      // The transaction's first writes are undone: what they began (the head's move) goes with them.
      await c.query('savepoint first');
      for (let i = 0; i < 5; i++) await c.query(`update nodes set title = $1 where id = $2`, [`Ångrad först ${i}`, t.noteId]);
      await c.query('rollback to savepoint first');
      for (let i = 0; i < 200; i++) await c.query(`update nodes set title = $1 where id = $2`, [`Titel ${i}`, t.noteId]);
      await c.query('savepoint halfway');
      for (let i = 0; i < 20; i++) await c.query(`update nodes set title = $1 where id = $2`, [`Ångrad ${i}`, t.noteId]);
      await c.query('rollback to savepoint halfway');
      for (let i = 0; i < 100; i++) await c.query(`update nodes set title = $1 where id = $2`, [`Sist ${i}`, t.noteId]);
    });
    expect(await chainLength(t.workspaceId)).toBe(before + 300);
    // verify_audit_chain also compares the tail with the head, so a head left behind fails here.
    expect(await verify(t.workspaceId)).toEqual([]);
    const undone = await db().admin.query(
      `select count(*)::int as n from audit_log where workspace_id = $1 and new_values::text like '%Ångrad%'`,
      [t.workspaceId],
    );
    expect(undone.rows[0].n).toBe(0);
  });

  if (target === 'pg15') {
    it('keeps one unbroken chain when twenty transactions write the same workspace at once', async () => {
      const t = await makeTenant(db());
      const before = await chainLength(t.workspaceId);
      const results = await db().asUserAtOnce(t.ownerId, 20, async (c, i) => {
        for (let k = 0; k < 3; k++) {
          await c.query(`insert into nodes (workspace_id, kind, title, parent_id) values ($1, 'task', $2, $3)`, [
            t.workspaceId,
            `Samtidig ${i}.${k}`,
            t.projectId,
          ]);
        }
        if (i % 4 === 0) throw new Error('rolls back');
      });
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(15);
      expect(await chainLength(t.workspaceId)).toBe(before + 15 * 3);
      expect(await verify(t.workspaceId)).toEqual([]);
    });
  }

  it('anonymises through the retention path only, and the chain still verifies', async () => {
    const t = await makeTenant(db());
    for (const who of [{ user: t.ownerId }, { service: true }] as const) {
      const result = await attempt(db(), who, `select private.anonymise_audit_log(now() + interval '1 day')`);
      expect(result.code).toBe('42501');
    }
    const n = await db().admin.query(`select private.anonymise_audit_log(now() + interval '1 day') as n`);
    expect(Number(n.rows[0].n)).toBeGreaterThan(0);
    const left = await db().admin.query(
      `select count(*)::int as n from audit_log where workspace_id = $1 and (actor_id is not null or old_values is not null or new_values is not null)`,
      [t.workspaceId],
    );
    expect(left.rows[0].n).toBe(0);
    expect(await verify(t.workspaceId)).toEqual([]);
    // Writes after anonymisation continue the chain.
    await db().asUser(t.ownerId, (c) => c.query(`update nodes set title = 'Efter' where id = $1`, [t.noteId]));
    expect(await verify(t.workspaceId)).toEqual([]);
  });

  it('lets only the owner (or the operator) verify a workspace', async () => {
    const t = await makeTenant(db());
    const stranger = await db().createUser();
    const result = await attempt(db(), { user: stranger }, `select * from verify_audit_chain($1)`, [t.workspaceId]);
    expect(result.message).toBe('not_workspace_owner');
  });
});
