// Account deletion with a moved clock: request (a tombstone the database itself enforces),
// restore, request again, nothing happens before day 30, the purge at day 30, what is left at
// day 31, and what is left after the bookkeeping retention (7 years) ends.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { TestDatabase } from '../support/db';
import { describeEachDatabase } from '../support/db';
import { removeQueuedFiles, retentionJob } from '../../lib/jobs/retention';
import { attempt, makeTenant, storageApiRemover, type Tenant } from './fixtures';

const DAY = 24 * 3600 * 1000;

/** The retention job (lib/jobs): the SQL part, then the queued files through the Storage API. */
async function retention(db: TestDatabase, at: Date) {
  return (await retentionJob(db.admin, storageApiRemover(db), at)) as unknown as Record<string, number>;
}

async function count(db: TestDatabase, sql: string, params: unknown[]) {
  const { rows } = await db.admin.query(`select count(*)::int as n from (${sql}) x`, params);
  return rows[0].n as number;
}

async function requestDeletion(db: TestDatabase, userId: string): Promise<Date> {
  return db.asUser(userId, async (c) => (await c.query(`select request_account_deletion() as until`)).rows[0].until as Date);
}

/** What the owner can see of their own data right now. */
async function visibleToOwner(db: TestDatabase, t: Tenant) {
  return db.asUser(t.ownerId, async (c) => ({
    nodes: (await c.query(`select id from nodes`)).rowCount,
    invoices: (await c.query(`select id from invoices`)).rowCount,
    memberships: (await c.query(`select workspace_id from workspace_members`)).rowCount,
    files: (await c.query(`select name from storage.objects`)).rowCount,
  }));
}

describeEachDatabase('account deletion', (db) => {
  it('tombstones the account: the database shows and allows nothing but restore, for 30 days', async () => {
    const t = await makeTenant(db());
    expect(await visibleToOwner(db(), t)).toMatchObject({ nodes: 4, invoices: 2, memberships: 1 });

    const until = await requestDeletion(db(), t.ownerId);
    const requested = (await db().admin.query(`select requested_at from private.account_deletions where user_id = $1`, [t.ownerId])).rows[0]
      .requested_at as Date;
    expect(until.getTime() - requested.getTime()).toBe(30 * DAY);

    expect(await visibleToOwner(db(), t)).toEqual({ nodes: 0, invoices: 0, memberships: 0, files: 0 });
    const write = await attempt(db(), { user: t.ownerId }, `insert into nodes (workspace_id, kind, title) values ($1, 'note', 'x')`, [
      t.workspaceId,
    ]);
    expect(write.ok).toBe(false);
    const update = await attempt(db(), { user: t.ownerId }, `update nodes set title = 'x' where id = $1`, [t.noteId]);
    expect(update.rowCount).toBe(0);
    const mine = await db().asUser(t.ownerId, (c) => c.query(`select purge_after from my_account_deletion()`));
    expect(mine.rows[0].purge_after).toEqual(until);

    // Asking twice keeps the first date.
    expect(await requestDeletion(db(), t.ownerId)).toEqual(until);

    const restored = await db().asUser(t.ownerId, (c) => c.query(`select restore_account() as ok`));
    expect(restored.rows[0].ok).toBe(true);
    expect(await visibleToOwner(db(), t)).toMatchObject({ nodes: 4, invoices: 2, memberships: 1 });
    const log = await db().asUser(t.ownerId, (c) => c.query(`select action from my_security_log() where source = 'app'`));
    expect(log.rows.map((r) => r.action)).toEqual(['account_restored', 'deletion_requested']);

    // Someone else cannot restore or delete for the owner: the functions act on the caller only.
    const stranger = await db().createUser();
    await requestDeletion(db(), t.ownerId);
    expect((await db().asUser(stranger, (c) => c.query(`select restore_account() as ok`))).rows[0].ok).toBe(false);
    expect(await visibleToOwner(db(), t)).toMatchObject({ nodes: 0 });
    expect((await attempt(db(), { anon: true }, `select request_account_deletion()`)).ok).toBe(false);
    await db().asUser(t.ownerId, (c) => c.query(`select restore_account()`)); // leaves no tombstone for the next tests
  });

  it('purges at day 30: mind-map, files and identifiers go, bookkeeping stays stripped; all of it goes after 7 years', async () => {
    const t = await makeTenant(db());
    const other = await makeTenant(db());
    await db().admin.query(
      `insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)
       values ('00000000-0000-0000-0000-000000000000', $1, json_build_object('action', 'login', 'actor_id', $2::text, 'actor_username', 'a@example.test'), now(), '10.0.0.1')`,
      [randomUUID(), t.ownerId],
    );
    await db().admin.query(
      `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to) values ($1, $2, 'recovery_token', 'h', 'x')`,
      [randomUUID(), t.ownerId],
    );

    // Request, restore, request again: the clock starts at the second request.
    await requestDeletion(db(), t.ownerId);
    await db().asUser(t.ownerId, (c) => c.query(`select restore_account()`));
    const until = await requestDeletion(db(), t.ownerId);

    const early = await retention(db(), new Date(until.getTime() - 1000));
    expect(early.accounts_purged).toBe(0);
    expect(await count(db(), `select 1 from auth.users where id = $1`, [t.ownerId])).toBe(1);
    expect(await count(db(), `select 1 from nodes where id = $1 and title = 'Anteckning'`, [t.noteId])).toBe(1);

    const purge = await retention(db(), new Date(until.getTime() + 1)); // Dates keep milliseconds, the database microseconds
    expect(purge.accounts_purged).toBe(1);

    // Day 31: what remains.
    const day31 = new Date(until.getTime() + DAY);
    expect(await retention(db(), day31)).toMatchObject({ accounts_purged: 0, invoices_deleted: 0 });
    const ws = [t.workspaceId];
    expect(await count(db(), `select 1 from auth.users where id = $1`, [t.ownerId])).toBe(0);
    expect(await count(db(), `select 1 from workspace_members where workspace_id = $1`, ws)).toBe(0);
    expect(await count(db(), `select 1 from business_profiles where workspace_id = $1`, ws)).toBe(0);
    expect(await count(db(), `select 1 from client_details where workspace_id = $1`, ws)).toBe(0);
    expect(await count(db(), `select 1 from time_entries where id = $1`, [t.unbilledEntryId])).toBe(0);
    expect(await count(db(), `select 1 from time_entries where id = $1`, [t.billedEntryId])).toBe(1);
    expect(await count(db(), `select 1 from invoices where id = $1`, [t.draftInvoiceId])).toBe(0);
    expect(
      await count(db(), `select 1 from invoices where id = $1 and status = 'sent' and seller_snapshot is not null`, [t.sentInvoiceId]),
    ).toBe(1);
    expect(await count(db(), `select 1 from invoice_lines where invoice_id = $1`, [t.sentInvoiceId])).toBe(1);
    expect(await count(db(), `select 1 from invoice_events where invoice_id = $1 and actor_id is null`, [t.sentInvoiceId])).toBeGreaterThan(
      0,
    );
    expect(await count(db(), `select 1 from invoice_events where workspace_id = $1 and actor_id is not null`, ws)).toBe(0);
    // Only the nodes the kept records point at, emptied.
    const nodes = await db().admin.query(`select id, title, body, parent_id from nodes where workspace_id = $1 order by id`, ws);
    expect(nodes.rows.map((r) => r.id).sort()).toEqual([t.clientId, t.taskId].sort());
    expect(nodes.rows.every((r) => r.title === '' && r.body === '' && r.parent_id === null)).toBe(true);
    expect(await count(db(), `select 1 from storage.objects where name = $1`, [t.documentName])).toBe(0);
    expect(await count(db(), `select 1 from storage.objects where name = $1`, [t.archiveName])).toBe(1);
    // The trail stays verifiable but names no one and holds no content.
    expect(
      await count(
        db(),
        `select 1 from audit_log where workspace_id = $1 and (actor_id is not null or old_values is not null or new_values is not null)`,
        ws,
      ),
    ).toBe(0);
    expect((await db().admin.query(`select * from verify_audit_chain($1)`, ws)).rows).toEqual([]);
    const trail = (await db().admin.query(`select a.* from audit_log a where workspace_id = $1`, ws)).rows;
    expect(JSON.stringify(trail)).not.toContain(t.ownerId);
    expect(await count(db(), `select 1 from auth.audit_log_entries where payload ->> 'actor_id' = $1`, [t.ownerId])).toBe(0);
    expect(await count(db(), `select 1 from private.account_events where user_id = $1`, [t.ownerId])).toBe(0);
    expect(await count(db(), `select 1 from auth.one_time_tokens where user_id = $1`, [t.ownerId])).toBe(0);
    // Other tenants are untouched.
    expect(await count(db(), `select 1 from nodes where workspace_id = $1 and title <> ''`, [other.workspaceId])).toBe(4);

    // After the retention of the sent invoice: its fiscal year 2026 ends 2026-12-31, kept through 2033-12-31.
    const issue = (await db().admin.query(`select issue_date::text from invoices where id = $1`, [t.sentInvoiceId])).rows[0]
      .issue_date as string;
    const lastDay = (await db().admin.query(`select private.retention_end($1::date, 1)::text as d`, [issue])).rows[0].d as string;
    expect(lastDay).toBe(`${Number(issue.slice(0, 4)) + 7}-12-31`);
    expect(await retention(db(), new Date(`${lastDay}T12:00:00Z`))).toMatchObject({ invoices_deleted: 0 });
    const after = await retention(db(), new Date(`${Number(issue.slice(0, 4)) + 8}-01-02T12:00:00Z`));
    // Every tenant's sent invoice of that year is past retention now; only the purged workspace disappears whole.
    expect(after).toMatchObject({ purged_workspaces_removed: 1 });
    expect(after.invoices_deleted).toBeGreaterThanOrEqual(2);
    expect(await count(db(), `select 1 from invoices where id = $1`, [other.sentInvoiceId])).toBe(0);
    expect(await count(db(), `select 1 from time_entries where id = $1`, [other.billedEntryId])).toBe(0);
    for (const table of ['workspaces', 'nodes', 'time_entries', 'invoices', 'invoice_lines', 'invoice_events', 'number_series']) {
      const column = table === 'workspaces' ? 'id' : 'workspace_id';
      expect(await count(db(), `select 1 from ${table} where ${column} = $1`, ws), table).toBe(0);
    }
    expect(await count(db(), `select 1 from storage.objects where name = $1`, [t.archiveName])).toBe(0);
    expect(await count(db(), `select 1 from invoices where workspace_id = $1`, [other.workspaceId])).toBe(1); // the draft
    expect(await count(db(), `select 1 from nodes where workspace_id = $1 and title <> ''`, [other.workspaceId])).toBe(4);
    expect(await retention(db(), new Date(`${Number(issue.slice(0, 4)) + 8}-01-03T12:00:00Z`))).toMatchObject({
      invoices_deleted: 0,
      audit_rows_anonymised: 0,
    });
  });

  it('empties every other workspace table at the purge, whoever added it (from the catalog)', async () => {
    const t = await makeTenant(db());
    const until = await requestDeletion(db(), t.ownerId);
    expect((await retention(db(), new Date(until.getTime() + 1))).accounts_purged).toBe(1);
    const kept = (await db().admin.query(`select unnest(private.kept_after_purge()) as t`)).rows.map((r) => r.t as string);
    const { rows } = await db().admin.query<{ table_name: string }>(
      `select c.table_name from information_schema.columns c join pg_class r on r.relname = c.table_name and r.relnamespace = 'public'::regnamespace
        where c.table_schema = 'public' and c.column_name = 'workspace_id' and r.relkind in ('r', 'p')`,
    );
    for (const { table_name } of rows.filter((r) => !kept.includes(r.table_name))) {
      expect(await count(db(), `select 1 from public.${table_name} where workspace_id = $1`, [t.workspaceId]), table_name).toBe(0);
    }
    const byUser = await db().admin.query<{ table_name: string }>(
      `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'user_id'`,
    );
    for (const { table_name } of byUser.rows) {
      expect(await count(db(), `select 1 from public.${table_name} where user_id = $1`, [t.ownerId]), table_name).toBe(0);
    }
    // The SQL part alone (pg_cron's run) purges without touching storage.*: it queues the files,
    // and the job removes them through the Storage API.
    const next = await makeTenant(db());
    const nextUntil = await requestDeletion(db(), next.ownerId);
    const sql = await db().admin.query(`select private.run_retention($1) as report`, [new Date(nextUntil.getTime() + 1)]);
    expect(sql.rows[0].report.accounts_purged).toBe(1);
    const queued = await db().admin.query(`select bucket_id, name from private.storage_removals where name like $1`, [
      `${next.workspaceId}/%`,
    ]);
    expect(queued.rows).toEqual([{ bucket_id: 'documents', name: next.documentName }]);
    expect(await count(db(), `select 1 from storage.objects where name = $1`, [next.documentName])).toBe(1);
    expect(await removeQueuedFiles(db().admin, storageApiRemover(db()))).toBeGreaterThanOrEqual(1);
    expect(await count(db(), `select 1 from storage.objects where name = $1`, [next.documentName])).toBe(0);
    expect(await count(db(), `select 1 from private.storage_removals`, [])).toBe(0);
  });

  it('keeps sent invoices immutable outside a retention run, for every role and with a forged flag', async () => {
    const t = await makeTenant(db());
    const direct = await db()
      .admin.query(`select 1`)
      .then(() =>
        db()
          .admin.query(`delete from invoices where id = $1`, [t.sentInvoiceId])
          .then(
            () => 'deleted',
            (e: Error) => e.message,
          ),
      );
    expect(direct).toBe('invoice_immutable');
    const forged = await attempt(db(), { service: true }, `insert into private.retention_runs (txid) values (txid_current())`);
    expect(forged.ok).toBe(false);
    expect((await attempt(db(), { user: t.ownerId }, `select private.run_retention(now())`)).ok).toBe(false);
    expect((await attempt(db(), { service: true }, `select private.run_retention(now())`)).ok).toBe(false);
    expect(await count(db(), `select 1 from invoices where id = $1`, [t.sentInvoiceId])).toBe(1);
  });
});
