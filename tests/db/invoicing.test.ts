// The invoicing functions: completeness, gapless numbering (concurrency on PostgreSQL 15),
// VAT summary, paid, credit notes and the one-time PDF record.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { messageKeyFor } from '../../lib/db/constraint-messages';
import { describeEachDatabase } from '../support/db';
import { addAccountant, addClient, addDraft, attempt, makeTenant, type Tenant } from './fixtures';

describeEachDatabase('invoicing functions', (db, target) => {
  let t: Tenant;
  beforeAll(async () => {
    t = await makeTenant(db());
  });

  const nextNumber = async () =>
    Number((await db().admin.query(`select next_number from number_series where workspace_id = $1`, [t.workspaceId])).rows[0].next_number);

  it('sends: number, OCR with a Luhn digit, snapshots, due date and a sent event', async () => {
    const { rows } = await db().admin.query(`select * from invoices where id = $1`, [t.sentInvoiceId]);
    const inv = rows[0];
    expect(inv.status).toBe('sent');
    expect(Number(inv.number)).toBe(1);
    expect(inv.ocr_reference).toMatch(/^1\d$/);
    const luhn = await db().admin.query(`select public.luhn_valid($1) as ok`, [inv.ocr_reference]);
    expect(luhn.rows[0].ok).toBe(true);
    expect(inv.seller_snapshot.legal_name).toBe('Testkonsult Enskild Firma');
    expect(inv.seller_snapshot.f_skatt).toBe(true);
    expect(inv.buyer_snapshot.name).toBe('Provkund AB');
    expect(inv.due_date).not.toBeNull();
    const events = await db().admin.query(`select event from invoice_events where invoice_id = $1`, [t.sentInvoiceId]);
    expect(events.rows.map((r) => r.event)).toEqual(['sent']);
  });

  it('computes VAT per rate on the sum of that rate, rounded half-up to whole öre', async () => {
    const before = await nextNumber();
    const result = await db().asUser(t.ownerId, async (c) => {
      const { invoiceId } = await addDraft(c, t.workspaceId, t.clientId);
      await c.query(`delete from invoice_lines where invoice_id = $1`, [invoiceId]);
      // 25 %: 3 × 33.33 kr = 99.99 kr; 12 %: 1 × 0.10 kr + 1 × 0.02 kr = 0.12 kr → VAT 0.0144 kr → 1 öre
      await c.query(
        `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, vat_rate) values
           ($1, $2, 'A', 3, 3333, 25), ($1, $2, 'B', 1, 10, 12), ($1, $2, 'C', 1, 2, 12), ($1, $2, 'D', 1, 2, 6)`,
        [t.workspaceId, invoiceId],
      );
      return (await c.query(`select * from send_invoice($1)`, [invoiceId])).rows[0];
    });
    expect(result.vat_summary).toEqual([
      { vat_rate: 25, taxable_ore: 9999, vat_ore: 2500 },
      { vat_rate: 12, taxable_ore: 12, vat_ore: 1 },
      { vat_rate: 6, taxable_ore: 2, vat_ore: 0 },
    ]);
    expect([Number(result.net_ore), Number(result.vat_ore), Number(result.total_ore)]).toEqual([10013, 2501, 12514]);
    expect(Number(result.number)).toBe(before);
  });

  it('refuses an incomplete invoice with a stable code per field and consumes no number', async () => {
    const before = await nextNumber();
    const draft = await db().asUser(t.ownerId, async (c) => {
      const clientId = await addClient(c, t.workspaceId, { vat: null });
      await c.query(`update client_details set reverse_charge = false where node_id = $1`, [clientId]);
      const { invoiceId } = await addDraft(c, t.workspaceId, clientId, { vatRate: 0 });
      await c.query(`update invoices set reverse_charge = true where id = $1`, [invoiceId]);
      return invoiceId;
    });
    const result = await attempt(db(), { user: t.ownerId }, `select send_invoice($1)`, [draft]);
    expect(result.message).toBe('invoice_incomplete:buyer_vat_number');
    expect(result.code).toBe('23514');
    expect(messageKeyFor(result)).toBe('db.invoiceIncomplete.buyerVatNumber');
    expect(await nextNumber()).toBe(before);
    const status = await db().admin.query(`select status, number from invoices where id = $1`, [draft]);
    expect(status.rows[0]).toEqual({ status: 'draft', number: null });
  });

  it('lists every missing seller field', async () => {
    const fresh = await db().createUser();
    const ws = (await db().admin.query(`select workspace_id from workspace_members where user_id = $1`, [fresh])).rows[0].workspace_id;
    const invoiceId = await db().asUser(fresh, async (c) => (await addDraft(c, ws, await addClient(c, ws))).invoiceId);
    const error = await db().asUser(fresh, (c) => c.query(`select send_invoice($1)`, [invoiceId]).catch((e) => e), { rollback: true });
    expect(error.message).toBe('invoice_incomplete:seller_legal_name');
    expect(error.hint).toBe('seller_legal_name');
    expect(error.detail).toBe('seller_legal_name,seller_org_number,seller_vat_number,seller_address,seller_payment_details');
  });

  it('a send that fails half-way (transaction rolled back after the number was taken) consumes no number', async () => {
    const before = await nextNumber();
    const draft = await db().asUser(t.ownerId, async (c) => (await addDraft(c, t.workspaceId, t.clientId)).invoiceId);
    await expect(
      db().asUser(t.ownerId, async (c) => {
        await c.query(`select send_invoice($1)`, [draft]);
        throw new Error('crash after send');
      }),
    ).rejects.toThrow('crash after send');
    expect(await nextNumber()).toBe(before);
    const sent = await db().asUser(t.ownerId, (c) => c.query(`select number from send_invoice($1)`, [draft]));
    expect(Number(sent.rows[0].number)).toBe(before);
  });

  it('only the owner sends; an accountant or another tenant gets invoice_not_found', async () => {
    const accountant = await addAccountant(db(), t.workspaceId);
    const stranger = await db().createUser();
    for (const user of [accountant, stranger]) {
      const result = await attempt(db(), { user }, `select send_invoice($1)`, [t.draftInvoiceId]);
      expect(result.message).toBe('invoice_not_found');
    }
    expect((await attempt(db(), { anon: true }, `select send_invoice($1)`, [t.draftInvoiceId])).code).toBe('42501');
  });

  it('marks paid, credits fully (original shows credited) and refuses crediting twice', async () => {
    const draft = await db().asUser(t.ownerId, async (c) => {
      const d = await addDraft(c, t.workspaceId, t.clientId);
      await c.query(
        `insert into invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore) values ($1, $2, 'Resa', 1, 50000)`,
        [t.workspaceId, d.invoiceId],
      );
      await c.query(`select send_invoice($1)`, [d.invoiceId]);
      return d;
    });
    await db().asUser(t.ownerId, (c) => c.query(`select mark_invoice_paid($1)`, [draft.invoiceId]));
    // Partial credit: the invoice stays paid.
    const partial = await db().asUser(t.ownerId, async (c) => {
      const id = (await c.query(`select create_credit_note($1, array[$2]::uuid[]) as id`, [draft.invoiceId, draft.lineId])).rows[0].id;
      return (await c.query(`select * from send_invoice($1)`, [id])).rows[0];
    });
    expect(partial.kind).toBe('credit_note');
    expect(Number(partial.total_ore)).toBe(-950000);
    let original = (await db().admin.query(`select status, paid_on from invoices where id = $1`, [draft.invoiceId])).rows[0];
    expect(original.status).toBe('paid');
    // The rest: now fully credited.
    await db().asUser(t.ownerId, async (c) => {
      const id = (await c.query(`select create_credit_note($1) as id`, [draft.invoiceId])).rows[0].id;
      await c.query(`select send_invoice($1)`, [id]);
    });
    original = (await db().admin.query(`select status from invoices where id = $1`, [draft.invoiceId])).rows[0];
    expect(original.status).toBe('credited');
    const again = await attempt(db(), { user: t.ownerId }, `select create_credit_note($1)`, [draft.invoiceId]);
    expect(again.message).toBe('invoice_not_creditable');
    const events = await db().admin.query(`select event from invoice_events where invoice_id = $1 order by occurred_at, event`, [
      draft.invoiceId,
    ]);
    expect(events.rows.map((r) => r.event)).toEqual(expect.arrayContaining(['sent', 'paid', 'credit_note_created', 'credited']));
  });

  it('records the archived PDF once, only on a sent invoice, only under the workspace', async () => {
    const sha = 'ab'.repeat(32);
    expect(
      (await attempt(db(), { user: t.ownerId }, `select record_invoice_pdf($1, $2, $3)`, [t.draftInvoiceId, `${t.workspaceId}/d.pdf`, sha]))
        .message,
    ).toBe('invoice_not_sent');
    expect(
      (await attempt(db(), { user: t.ownerId }, `select record_invoice_pdf($1, $2, $3)`, [t.sentInvoiceId, `${randomUUID()}/d.pdf`, sha]))
        .message,
    ).toBe('invoice_pdf_path_invalid');
    await db().asUser(t.ownerId, (c) => c.query(`select record_invoice_pdf($1, $2, $3)`, [t.sentInvoiceId, t.archiveName, sha]));
    const second = await attempt(db(), { user: t.ownerId }, `select record_invoice_pdf($1, $2, $3)`, [
      t.sentInvoiceId,
      t.archiveName,
      'cd'.repeat(32),
    ]);
    expect(second.message).toBe('invoice_pdf_already_recorded');
    const row = (await db().admin.query(`select pdf_path, pdf_sha256 from invoices where id = $1`, [t.sentInvoiceId])).rows[0];
    expect(row).toEqual({ pdf_path: t.archiveName, pdf_sha256: sha });
  });

  if (target === 'pg15') {
    it('fifty concurrent sends on separate connections get fifty distinct numbers without a gap', async () => {
      const drafts = await db().asUser(t.ownerId, async (c) => {
        const ids: string[] = [];
        for (let i = 0; i < 50; i++) ids.push((await addDraft(c, t.workspaceId, t.clientId)).invoiceId);
        return ids;
      });
      const first = await nextNumber();
      // Everyone opens a transaction first, then all send at once.
      const results = await db().asUserAtOnce(t.ownerId, drafts.length, async (c, i) =>
        Number((await c.query(`select number from send_invoice($1)`, [drafts[i]])).rows[0].number),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const numbers = results.map((r) => (r as PromiseFulfilledResult<number>).value);
      expect(new Set(numbers).size).toBe(50);
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => first + i));
      expect(await nextNumber()).toBe(first + 50);
    });

    it('concurrent sends where some fail half-way leave no gap', async () => {
      const drafts = await db().asUser(t.ownerId, async (c) => {
        const ids: string[] = [];
        for (let i = 0; i < 20; i++) ids.push((await addDraft(c, t.workspaceId, t.clientId)).invoiceId);
        return ids;
      });
      const first = await nextNumber();
      // A third of them fail after the number was taken (their transactions roll back).
      const results = await db().asUserAtOnce(t.ownerId, drafts.length, async (c, i) => {
        await c.query(`select send_invoice($1)`, [drafts[i]]);
        if (i % 3 === 0) throw new Error('fails half-way');
      });
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(
        drafts.filter((_, i) => i % 3 === 0).map(() => 'fails half-way'),
      );
      const committed = results.filter((r) => r.status === 'fulfilled').length;
      const { rows } = await db().admin.query(`select number from invoices where id = any($1) and number is not null order by number`, [
        drafts,
      ]);
      expect(rows.map((r) => Number(r.number))).toEqual(Array.from({ length: committed }, (_, i) => first + i));
    });
  }
});
