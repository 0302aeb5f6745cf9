// A sent invoice, its lines, its billed hours and its archived PDF do not change, whoever
// asks: owner, accountant, service_role, or the table owner (superuser).
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { addAccountant, attempt, attemptAsAdmin, makeTenant, type Attempt, type Tenant, type Who } from './fixtures';

describeEachDatabase('immutability of sent invoices', (db) => {
  let t: Tenant;
  let accountant: string;
  let snapshot: string;
  beforeAll(async () => {
    t = await makeTenant(db());
    accountant = await addAccountant(db(), t.workspaceId);
    snapshot = await state();
  });

  async function state() {
    const { rows } = await db().admin.query(
      `select (select to_jsonb(i) from invoices i where i.id = $1)::text as invoice,
              (select jsonb_agg(to_jsonb(l) order by l.id) from invoice_lines l where l.invoice_id = $1)::text as lines,
              (select to_jsonb(e) from time_entries e where e.id = $2)::text as entry`,
      [t.sentInvoiceId, t.billedEntryId],
    );
    return JSON.stringify(rows[0]);
  }

  const attacks = (t: Tenant): [string, unknown[]][] => [
    [`update invoices set total_ore = 1 where id = $1`, [t.sentInvoiceId]],
    [`update invoices set status = 'draft', number = null where id = $1`, [t.sentInvoiceId]],
    [`update invoices set buyer_snapshot = '{}' where id = $1`, [t.sentInvoiceId]],
    [`update invoices set status = 'paid', paid_on = current_date, message = 'x' where id = $1`, [t.sentInvoiceId]],
    [`delete from invoices where id = $1`, [t.sentInvoiceId]],
    [`update invoice_lines set unit_price_ore = 1 where id = $1`, [t.sentLineId]],
    [`delete from invoice_lines where id = $1`, [t.sentLineId]],
    [
      `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore) values ($1, $2, 'Extra', 1, 100)`,
      [t.workspaceId, t.sentInvoiceId],
    ],
    [`update time_entries set minutes = 1 where id = $1`, [t.billedEntryId]],
    [`update time_entries set invoice_line_id = null where id = $1`, [t.billedEntryId]],
    [`delete from time_entries where id = $1`, [t.billedEntryId]],
  ];

  function refusedOrNoRow(result: Attempt, label: string) {
    expect(!result.ok || result.rowCount === 0, `${label}: ${result.message ?? `${result.rowCount} rows changed`}`).toBe(true);
  }

  for (const actor of ['owner', 'accountant', 'service_role'] as const) {
    it(`refuses every change as ${actor}`, async () => {
      const who: Who = actor === 'service_role' ? { service: true } : { user: actor === 'owner' ? t.ownerId : accountant };
      for (const [sql, params] of attacks(t)) refusedOrNoRow(await attempt(db(), who, sql, params), `${actor}: ${sql}`);
      expect(await state()).toBe(snapshot);
    });
  }

  it('refuses every change as the table owner (superuser), with the immutability errors', async () => {
    for (const [sql, params] of attacks(t)) {
      const result = await attemptAsAdmin(db(), sql, params);
      expect(result.ok, sql).toBe(false);
      expect(['invoices_immutable', 'invoice_lines_immutable', 'time_entries_billed_locked'], `${sql}: ${result.message}`).toContain(
        result.constraint,
      );
    }
    expect(await state()).toBe(snapshot);
  });

  it('service_role (no RLS) is stopped by the triggers themselves', async () => {
    const result = await attempt(db(), { service: true }, `update invoices set total_ore = 1 where id = $1`, [t.sentInvoiceId]);
    expect(result.constraint).toBe('invoices_immutable');
  });

  it('does not let hours be attached to a sent invoice', async () => {
    const result = await attempt(db(), { user: t.ownerId }, `update time_entries set invoice_line_id = $2 where id = $1`, [
      t.unbilledEntryId,
      t.sentLineId,
    ]);
    expect(result.constraint).toBe('time_entries_billed_locked');
  });

  it('lets the owner edit drafts, but status, number and totals only through the functions', async () => {
    expect(
      (await attempt(db(), { user: t.ownerId }, `update invoices set message = 'Tack!' where id = $1`, [t.draftInvoiceId])).rowCount,
    ).toBe(1);
    for (const set of [`status = 'sent'`, `number = 999`, `total_ore = 1, net_ore = 1`, `pdf_path = 'x', pdf_sha256 = repeat('a', 64)`]) {
      const result = await attempt(db(), { user: t.ownerId }, `update invoices set ${set} where id = $1`, [t.draftInvoiceId]);
      expect(result.ok, set).toBe(false);
    }
    const direct = await attempt(db(), { user: t.ownerId }, `update invoices set status = 'sent' where id = $1`, [t.draftInvoiceId]);
    expect(direct.constraint).toBe('invoices_fields_managed');
  });

  it('keeps archived PDFs: no update or delete for anyone, the accountant reads them', async () => {
    const where = [`bucket_id = 'invoice-archive' and name = $1`, [t.archiveName]] as const;
    for (const who of [{ user: t.ownerId }, { user: accountant }, { service: true }] as Who[]) {
      refusedOrNoRow(await attempt(db(), who, `update storage.objects set name = name || '.x' where ${where[0]}`, [...where[1]]), 'update');
      refusedOrNoRow(await attempt(db(), who, `delete from storage.objects where ${where[0]}`, [...where[1]]), 'delete');
    }
    // A direct delete stops at the platform's guard, as on hosted Supabase; the Storage API's own
    // delete passes it and meets the archive's rule.
    const direct = await attemptAsAdmin(db(), `delete from storage.objects where ${where[0]}`, [...where[1]]);
    expect(direct.message).toBe('Direct deletion from storage tables is not allowed. Use the Storage API instead.');
    const admin = await attemptAsAdmin(db(), `delete from storage.objects where ${where[0]}`, [...where[1]], { asStorageApi: true });
    expect(admin.message).toBe('invoice_archive_insert_only');
    const service = await attempt(db(), { service: true }, `delete from storage.objects where ${where[0]}`, [...where[1]], {
      asStorageApi: true,
    });
    expect(service.message).toBe('invoice_archive_insert_only');
    const read = await attempt(db(), { user: accountant }, `select name from storage.objects where ${where[0]}`, [...where[1]]);
    expect(read.rowCount).toBe(1);
    const insert = await attempt(
      db(),
      { user: accountant },
      `insert into storage.objects (bucket_id, name) values ('invoice-archive', $1)`,
      [`${t.workspaceId}/fake.pdf`],
    );
    expect(insert.code).toBe('42501');
  });
});
