// What an accountant and a user with several workspaces see, beyond the RLS matrix's probe rows.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { addAccountant, addClient, attempt, makeTenant, workspaceOf, type Tenant } from './fixtures';

describeEachDatabase('accountant and active workspace', (db) => {
  let t: Tenant;
  let accountant: string;
  let uninvoicedClient: string;
  beforeAll(async () => {
    t = await makeTenant(db());
    accountant = await addAccountant(db(), t.workspaceId);
    uninvoicedClient = await db().asUser(t.ownerId, (c) => addClient(c, t.workspaceId));
  });

  const asAccountant = (sql: string, params: unknown[] = []) => attempt(db(), { user: accountant }, sql, params);

  it('the accountant reads sent invoices, their lines and events, not drafts', async () => {
    const invoices = await asAccountant(`select id from invoices where workspace_id = $1`, [t.workspaceId]);
    expect(invoices.rows.map((r) => r.id)).toEqual([t.sentInvoiceId]);
    const lines = await asAccountant(`select id from invoice_lines where workspace_id = $1`, [t.workspaceId]);
    expect(lines.rows.map((r) => r.id)).toEqual([t.sentLineId]);
    const events = await asAccountant(`select event from invoice_events where invoice_id = $1`, [t.sentInvoiceId]);
    expect(events.rows.map((r) => r.event)).toEqual(['sent']);
  });

  it('the accountant sees invoiced clients only, and bank details only in the frozen seller snapshot', async () => {
    const clients = await asAccountant(`select node_id from client_details where workspace_id = $1`, [t.workspaceId]);
    expect(clients.rows.map((r) => r.node_id)).toEqual([t.clientId]);
    expect(clients.rows.map((r) => r.node_id)).not.toContain(uninvoicedClient);
    expect((await asAccountant(`select * from business_profiles where workspace_id = $1`, [t.workspaceId])).rowCount).toBe(0);
    const snapshot = await asAccountant(`select seller_snapshot ->> 'bankgiro' as bg from invoices where id = $1`, [t.sentInvoiceId]);
    expect(snapshot.rows[0].bg).toBe('5050-1055');
  });

  it('the accountant never sees the mind-map, notes, hours, documents or the audit log', async () => {
    for (const table of ['nodes', 'time_entries', 'audit_log', 'number_series']) {
      expect((await asAccountant(`select 1 from ${table} where workspace_id = $1`, [t.workspaceId])).rowCount, table).toBe(0);
    }
    expect((await asAccountant(`select 1 from storage.objects where bucket_id = 'documents'`)).rowCount).toBe(0);
  });

  it('the accountant writes nothing, not even through the functions', async () => {
    expect((await asAccountant(`update invoices set message = 'x' where workspace_id = $1`, [t.workspaceId])).rowCount).toBe(0);
    expect((await asAccountant(`select mark_invoice_paid($1)`, [t.sentInvoiceId])).message).toBe('invoice_not_found');
    expect((await asAccountant(`select create_credit_note($1)`, [t.sentInvoiceId])).message).toBe('invoice_not_found');
    expect((await asAccountant(`select record_invoice_pdf($1, $2, $3)`, [t.sentInvoiceId, t.archiveName, 'a'.repeat(64)])).message).toBe(
      'invoice_not_found',
    );
  });

  it('another tenant sees nothing of the workspace, sent invoices included', async () => {
    const other = await db().createUser();
    for (const table of [
      'invoices',
      'invoice_lines',
      'invoice_events',
      'client_details',
      'nodes',
      'time_entries',
      'audit_log',
      'workspace_members',
    ]) {
      expect(
        (await attempt(db(), { user: other }, `select 1 from ${table} where workspace_id = $1`, [t.workspaceId])).rowCount,
        table,
      ).toBe(0);
    }
  });

  it('a user in several workspaces sees only the active one when app.workspace_id is set', async () => {
    const own = await workspaceOf(db(), accountant);
    const both = await asAccountant(`select id from workspaces order by id`);
    expect(both.rows.map((r) => r.id).sort()).toEqual([own, t.workspaceId].sort());
    await db().asUser(
      accountant,
      async (client) => {
        expect((await client.query(`select id from workspaces`)).rows.map((r) => r.id)).toEqual([own]);
        expect((await client.query(`select id from invoices where workspace_id = $1`, [t.workspaceId])).rowCount).toBe(0);
        await client.query(`select set_config('app.workspace_id', $1, true)`, [t.workspaceId]);
        expect((await client.query(`select id from workspaces`)).rows.map((r) => r.id)).toEqual([t.workspaceId]);
        // A workspace the user is not a member of shows nothing at all.
        await client.query(`select set_config('app.workspace_id', gen_random_uuid()::text, true)`);
        expect((await client.query(`select id from workspaces`)).rowCount).toBe(0);
      },
      { workspaceId: own, rollback: true },
    );
  });
});
