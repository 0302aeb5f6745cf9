// The invoice history kinds added for the archive and email: a PDF mismatch is logged by any
// member who downloads (owner or accountant), an email only by the owner, never by another tenant.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/db';
import { addAccountant, attempt, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('invoice events for the archive and email', (db) => {
  let t: Tenant;
  let accountant: string;
  let stranger: Tenant;
  beforeAll(async () => {
    t = await makeTenant(db());
    accountant = await addAccountant(db(), t.workspaceId);
    stranger = await makeTenant(db());
  });
  const events = async (kind: string) =>
    (await db().admin.query(`select actor_id, details from invoice_events where invoice_id = $1 and event = $2`, [t.sentInvoiceId, kind]))
      .rows;

  it('owner and accountant log a PDF mismatch; another tenant and a draft are not found', async () => {
    await db().asUser(t.ownerId, (c) => c.query(`select record_invoice_pdf_mismatch($1, 'missing')`, [t.sentInvoiceId]));
    await db().asUser(accountant, (c) => c.query(`select record_invoice_pdf_mismatch($1, $2)`, [t.sentInvoiceId, 'a'.repeat(64)]));
    expect((await events('pdf_mismatch')).map((e) => e.actor_id).sort()).toEqual([t.ownerId, accountant].sort());
    expect(
      (await attempt(db(), { user: stranger.ownerId }, `select record_invoice_pdf_mismatch($1, 'x')`, [t.sentInvoiceId])).message,
    ).toBe('invoice_not_found');
    expect((await attempt(db(), { user: t.ownerId }, `select record_invoice_pdf_mismatch($1, 'x')`, [t.draftInvoiceId])).message).toBe(
      'invoice_not_found',
    );
  });

  it('only the owner records an email, and only of an archived invoice', async () => {
    expect((await attempt(db(), { user: t.ownerId }, `select record_invoice_emailed($1, 'a@b.se')`, [t.sentInvoiceId])).message).toBe(
      'invoice_not_sent',
    );
    await db().asUser(t.ownerId, (c) =>
      c.query(`select record_invoice_pdf($1, $2, $3)`, [t.sentInvoiceId, `${t.workspaceId}/invoice-1.pdf`, 'b'.repeat(64)]),
    );
    await db().asUser(t.ownerId, (c) => c.query(`select record_invoice_emailed($1, 'kund@example.test')`, [t.sentInvoiceId]));
    expect((await events('emailed')).map((e) => e.details)).toEqual([{ to: 'kund@example.test' }]);
    expect((await attempt(db(), { user: accountant }, `select record_invoice_emailed($1, 'x@y.se')`, [t.sentInvoiceId])).message).toBe(
      'invoice_not_found',
    );
    expect(
      (await attempt(db(), { user: stranger.ownerId }, `select record_invoice_emailed($1, 'x@y.se')`, [t.sentInvoiceId])).message,
    ).toBe('invoice_not_found');
  });

  it('nobody writes these events directly', async () => {
    const insert = `insert into invoice_events (workspace_id, invoice_id, event) values ($1, $2, 'pdf_mismatch')`;
    expect((await attempt(db(), { user: t.ownerId }, insert, [t.workspaceId, t.sentInvoiceId])).ok).toBe(false);
    expect((await attempt(db(), { user: accountant }, insert, [t.workspaceId, t.sentInvoiceId])).ok).toBe(false);
  });
});
