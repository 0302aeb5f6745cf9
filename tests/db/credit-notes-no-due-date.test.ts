// A credit note has no due date (issue 12, item 4): seen, the credit-note draft form offered one
// and send_invoice() stored one. Now the database drops it for every role, as a draft and at
// send, and neither the list, the invoice page's data nor the PDF carries one; the draft form for
// a credit note has no due-date field (tests/unit/credit-note-draft-form.test.ts).
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { loadPdfInvoice } from '../../lib/invoices/pdf/load';
import { getInvoice, listInvoices } from '../../lib/invoices/queries';
import { renderAndRead } from '../invoices/pdf-text';
import { describeEachDatabase } from '../support/db';
import { addDraft, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('credit notes have no due date', (db) => {
  let t: Tenant;
  beforeAll(async () => {
    t = await makeTenant(db());
  });

  it('a due date typed on a credit-note draft is not stored, and sending stores none', async () => {
    const noteId = await db().asUser(t.ownerId, async (c) => {
      const inv = await addDraft(c, t.workspaceId, t.clientId);
      await c.query('select send_invoice($1)', [inv.invoiceId]);
      const id = (await c.query('select create_credit_note($1, null) as id', [inv.invoiceId])).rows[0].id as string;
      await c.query(`update invoices set due_date = '2030-01-31', issue_date = '2030-01-01' where id = $1`, [id]);
      expect((await c.query('select due_date from invoices where id = $1', [id])).rows[0].due_date).toBeNull();
      await c.query('select send_invoice($1)', [id]);
      return id;
    });
    const row = (await db().admin.query('select status, issue_date, due_date from invoices where id = $1', [noteId])).rows[0];
    expect(row.status).toBe('sent');
    expect(row.issue_date).not.toBeNull();
    expect(row.due_date).toBeNull();

    const { list, detail, pdf } = await db().asUser(t.ownerId, async (c) => ({
      list: await listInvoices(c, {}, 1, 500),
      detail: await getInvoice(c, noteId),
      pdf: await loadPdfInvoice(c, noteId),
    }));
    expect(list.items.find((i) => i.id === noteId)?.dueDate).toBeNull();
    expect(detail?.dueDate).toBeNull();
    expect(pdf?.dueDate).toBeNull();
    const { flat } = await renderAndRead({ ...pdf!, logo: null });
    expect(flat).toContain('Kreditnota');
    expect(flat).not.toMatch(/Förfallodag|Due date/);
  });

  it('the table owner cannot store a due date on a credit note either; an invoice keeps its own', async () => {
    const invoiceId = await db().asUser(t.ownerId, async (c) => {
      const inv = await addDraft(c, t.workspaceId, t.clientId);
      await c.query('select send_invoice($1)', [inv.invoiceId]);
      return inv.invoiceId;
    });
    const noteId = randomUUID();
    await db().admin.query(
      `insert into invoices (id, workspace_id, kind, credits_invoice_id, client_node_id, due_date) values ($1, $2, 'credit_note', $3, $4, '2030-02-01')`,
      [noteId, t.workspaceId, invoiceId, t.clientId],
    );
    expect((await db().admin.query('select due_date from invoices where id = $1', [noteId])).rows[0].due_date).toBeNull();
    const invoice = (await db().admin.query('select due_date from invoices where id = $1', [invoiceId])).rows[0];
    expect(invoice.due_date).not.toBeNull();
  });
});
