// What an accountant, joined through an invitation and acting in the client's workspace as the app
// does (app.workspace_id set), can never see or do: notes, the mind-map, files, unbilled hours,
// the profile's bank details, drafts, the logs; and every write, direct or through a function,
// is refused by the database.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { makeTenant, type Tenant } from './fixtures';

describeEachDatabase('accountant visibility', (db) => {
  let t: Tenant;
  let accountant: string;

  beforeAll(async () => {
    t = await makeTenant(db());
    const email = `revisor-${Date.now()}@example.test`;
    const { token } = (await db().asUser(t.ownerId, (c) => c.query(`select * from create_invitation($1)`, [email]))).rows[0];
    accountant = await db().createUser(email);
    await db().asUser(accountant, (c) => c.query(`select accept_invitation($1)`, [token]));
    await db().asUser(t.ownerId, (c) => c.query(`insert into sie_accounts (workspace_id) values ($1)`, [t.workspaceId]));
  });

  /** Runs statements as the accountant in the client's workspace; always rolled back. */
  async function asAccountant<T>(
    fn: (
      q: (
        sql: string,
        params?: unknown[],
      ) => Promise<{ rows: Record<string, unknown>[]; rowCount: number; code?: string; message?: string }>,
    ) => Promise<T>,
  ) {
    return db().asUser(
      accountant,
      (client) =>
        fn(async (sql, params = []) => {
          await client.query('savepoint s');
          try {
            const r = await client.query(sql, params);
            await client.query('release savepoint s');
            return { rows: r.rows, rowCount: r.rowCount ?? 0 };
          } catch (error) {
            await client.query('rollback to savepoint s');
            const e = error as { code: string; message: string };
            return { rows: [], rowCount: 0, code: e.code, message: e.message };
          }
        }),
      { workspaceId: t.workspaceId, rollback: true },
    );
  }

  it('never sees notes, the mind-map, files, hours, bank details, drafts or the logs', async () => {
    await asAccountant(async (q) => {
      for (const table of ['nodes', 'time_entries', 'business_profiles', 'audit_log', 'invitations', 'export_downloads', 'number_series']) {
        expect((await q(`select * from ${table}`)).rowCount, table).toBe(0);
      }
      expect((await q(`select 1 from storage.objects where bucket_id in ('documents', 'logos')`)).rowCount).toBe(0);
      expect((await q(`select id from invoices where id = $1`, [t.draftInvoiceId])).rowCount).toBe(0);
      expect((await q(`select id from invoice_lines where id = $1`, [t.draftLineId])).rowCount).toBe(0);
      // What the sent invoice shows is visible, nothing of the profile beyond it.
      const sent = await q(`select seller_snapshot from invoices where id = $1`, [t.sentInvoiceId]);
      expect(sent.rowCount).toBe(1);
      expect((await q(`select name from storage.objects where bucket_id = 'invoice-archive'`)).rows.map((r) => r.name)).toEqual([
        t.archiveName,
      ]);
      expect((await q(`select receivable from sie_accounts`)).rows).toEqual([{ receivable: 1510 }]);
    });
  });

  it('can change nothing: every write on every table is refused or touches no row', async () => {
    await asAccountant(async (q) => {
      const writes: [string, unknown[]][] = [
        [`update invoices set message = 'x' where id = $1`, [t.sentInvoiceId]],
        [`delete from invoices where id = $1`, [t.sentInvoiceId]],
        [`update invoice_lines set description = 'x' where id = $1`, [t.sentLineId]],
        [`update client_details set name = 'x' where node_id = $1`, [t.clientId]],
        [`delete from client_details where node_id = $1`, [t.clientId]],
        [`update workspaces set name = 'x' where id = $1`, [t.workspaceId]],
        [`update business_profiles set iban = null`, []],
        [`update sie_accounts set receivable = 1511`, []],
        [`delete from sie_accounts`, []],
        [`update time_entries set minutes = 1 where id = $1`, [t.unbilledEntryId]],
        [`delete from workspace_members where workspace_id = $1`, [t.workspaceId]],
        [`update workspace_members set role = 'owner' where user_id = $1`, [accountant]],
        [`delete from storage.objects where name = $1`, [t.archiveName]],
      ];
      for (const [sql, params] of writes) {
        const r = await q(sql, params);
        expect(r.code === '42501' || (r.code === undefined && r.rowCount === 0), `${sql}: ${r.message ?? r.rowCount}`).toBe(true);
      }
      const inserts: [string, unknown[]][] = [
        [`insert into nodes (workspace_id, kind, title) values ($1, 'note', 'x')`, [t.workspaceId]],
        [`insert into invoices (workspace_id, client_node_id) values ($1, $2)`, [t.workspaceId, t.clientId]],
        [`insert into sie_accounts (workspace_id) values ($1)`, [t.workspaceId]],
        [`insert into workspace_members (workspace_id, user_id, role) values ($1, $2, 'accountant')`, [t.workspaceId, t.ownerId]],
        [`insert into storage.objects (bucket_id, name) values ('invoice-archive', $1)`, [`${t.workspaceId}/x.pdf`]],
        [`insert into export_downloads (workspace_id, user_id, kind) values ($1, $2, 'zip')`, [t.workspaceId, accountant]],
      ];
      for (const [sql, params] of inserts) expect((await q(sql, params)).code, sql).toBe('42501');
    });
  });

  it('is refused by the owner-only functions', async () => {
    await asAccountant(async (q) => {
      const refusals: [string, unknown[], string][] = [
        [`select send_invoice($1)`, [t.draftInvoiceId], 'invoice_not_found'],
        [`select mark_invoice_paid($1)`, [t.sentInvoiceId], 'invoice_not_found'],
        [`select create_credit_note($1)`, [t.sentInvoiceId], 'invoice_not_found'],
        [`select record_invoice_pdf($1, $2, $3)`, [t.sentInvoiceId, t.archiveName, 'a'.repeat(64)], 'invoice_not_found'],
        [`select create_invitation('kollega@example.test')`, [], 'not_workspace_owner'],
        [`select remove_accountant($1)`, [accountant], 'not_workspace_owner'],
        [`select * from workspace_access()`, [], 'not_workspace_owner'],
        [`select * from verify_audit_chain($1)`, [t.workspaceId], 'not_workspace_owner'],
      ];
      for (const [sql, params, message] of refusals) expect((await q(sql, params)).message, sql).toBe(message);
    });
  });

  it('records its downloads, only in a workspace it belongs to', async () => {
    const other = await makeTenant(db());
    await asAccountant(async (q) => {
      expect((await q(`select log_download($1, 'zip', '{"count": 1}')`, [t.workspaceId])).code).toBeUndefined();
      expect((await q(`select log_download($1, 'zip')`, [other.workspaceId])).message).toBe('not_workspace_member');
    });
  });
});
