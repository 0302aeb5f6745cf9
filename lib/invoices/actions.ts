'use server';
// Server actions of the invoice pages. Each is one transaction as the user (sending: the steps in
// lib/invoices/send.ts); the database refuses what is not allowed (a sent invoice never changes).
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { ActionError, createAction } from '@/lib/actions/action';
import { withUserTransaction } from '@/lib/db/transaction';
import { emailConfigured } from '@/lib/email/send';
import { getLocale } from '@/lib/i18n/server';
import { emailArchivedInvoice } from './email';
import {
  addHoursSchema,
  addLineSchema,
  createDraftSchema,
  creditSchema,
  draftDetailsSchema,
  emailSchema,
  invoiceIdSchema,
  markPaidSchema,
  removeLineSchema,
} from './schemas';
import { finishArchive, sendInDatabase } from './send';
import { invoiceSession } from './session';

const page = (id: string) => `/fakturor/${id}`;

export const createDraft = createAction({
  schema: createDraftSchema,
  handler: async ({ clientId, entryIds, perEntry }, { claims }) => {
    const id = await withUserTransaction(claims, async (tx, workspace) => {
      if (!workspace || workspace.role !== 'owner') throw new ActionError('db.notWorkspaceOwner');
      const { rows } = await tx.query<{ id: string }>(
        `insert into public.invoices (workspace_id, client_node_id, reverse_charge)
         select $1, n.id, coalesce(c.reverse_charge, false) from public.nodes n
           left join public.client_details c on c.node_id = n.id where n.id = $2 and n.kind = 'client'
         returning id`,
        [workspace.id, clientId],
      );
      if (!rows[0]) throw new ActionError('db.invoiceNeedsClientNode', 'clientId');
      if (entryIds.length) await tx.query('select public.bill_time_entries($1, $2, $3)', [rows[0].id, entryIds, perEntry]);
      return rows[0].id;
    });
    redirect(page(id));
  },
});

export const addHours = createAction({
  schema: addHoursSchema,
  handler: async ({ invoiceId, entryIds, perEntry }, { claims }) => {
    await withUserTransaction(claims, (tx) => tx.query('select public.bill_time_entries($1, $2, $3)', [invoiceId, entryIds, perEntry]));
    revalidatePath(page(invoiceId));
  },
});

export const saveDraftDetails = createAction({
  schema: draftDetailsSchema,
  handler: async (v, { claims }) => {
    await withUserTransaction(claims, async (tx) => {
      const { rowCount } = await tx.query(
        `update public.invoices set issue_date = $2, supply_date = $3, period_start = $4, period_end = $5, due_date = $6,
                reverse_charge = $7, message = $8
          where id = $1 and status = 'draft'`,
        [v.invoiceId, v.issueDate, v.supplyDate, v.periodStart, v.periodEnd, v.dueDate, v.reverseCharge, v.message],
      );
      if (!rowCount) throw new ActionError('db.invoiceNotDraft');
    });
    revalidatePath(page(v.invoiceId));
    return { message: 'invoices.draft.saved', keepValues: true };
  },
});

export const addLine = createAction({
  schema: addLineSchema,
  handler: async (v, { claims }) => {
    await withUserTransaction(claims, async (tx, workspace) => {
      if (!workspace) throw new ActionError('db.invoiceNotFound');
      await tx.query(
        `insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate)
         select $1, i.id, coalesce((select max(position) from public.invoice_lines where invoice_id = i.id), 0) + 1, $3, $4, $5, $6, $7
           from public.invoices i where i.id = $2`,
        [workspace.id, v.invoiceId, v.description, v.quantity, v.unit, v.unitPrice, v.vatRate],
      );
    });
    revalidatePath(page(v.invoiceId));
  },
});

export const removeLine = createAction({
  schema: removeLineSchema,
  handler: async ({ invoiceId, lineId }, { claims }) => {
    await withUserTransaction(claims, (tx) => tx.query(`delete from public.invoice_lines where id = $1 and invoice_id = $2`, [lineId, invoiceId]));
    revalidatePath(page(invoiceId));
  },
});

export const deleteDraft = createAction({
  schema: invoiceIdSchema,
  handler: async ({ invoiceId }, { claims }) => {
    await withUserTransaction(claims, (tx) => tx.query(`delete from public.invoices where id = $1 and status = 'draft'`, [invoiceId]));
    redirect('/fakturor');
  },
});

/**
 * Sends: the database step, then the archive. An incomplete invoice comes back to its page with
 * every missing field listed; a second click finds it already sent and just shows it.
 */
export const sendInvoiceAction = createAction({
  schema: invoiceIdSchema,
  handler: async ({ invoiceId }, { claims }) => {
    const { run, archive } = await invoiceSession(claims);
    try {
      await sendInDatabase(run, invoiceId);
    } catch (error) {
      const e = error as { message?: string; detail?: string };
      if (e.message?.startsWith('invoice_incomplete:')) redirect(`${page(invoiceId)}?saknas=${encodeURIComponent(e.detail ?? '')}`);
      if (e.message !== 'invoice_not_draft') throw error;
    }
    try {
      await finishArchive(run, archive, invoiceId);
    } catch (error) {
      // Sent; the recovery on the invoice page finishes the archive.
      console.error('Invoice archive after send failed:', invoiceId, (error as Error).message);
    }
    revalidatePath('/fakturor');
    redirect(page(invoiceId));
  },
});

export const markPaid = createAction({
  schema: markPaidSchema,
  handler: async ({ invoiceId, paidOn }, { claims }) => {
    await withUserTransaction(claims, (tx) => tx.query('select id from public.mark_invoice_paid($1, $2)', [invoiceId, paidOn]));
    // The page re-renders with the paid status and date (the form itself goes away).
    revalidatePath(page(invoiceId));
  },
});

export const createCreditNote = createAction({
  schema: creditSchema,
  handler: async ({ invoiceId, lineIds }, { claims }) => {
    const noteId = await withUserTransaction(claims, async (tx) => {
      const { rows } = await tx.query<{ id: string }>('select public.create_credit_note($1, $2) as id', [invoiceId, lineIds.length ? lineIds : null]);
      return rows[0].id;
    });
    redirect(page(noteId));
  },
});

export const emailInvoice = createAction({
  schema: emailSchema,
  handler: async ({ invoiceId, to }, { claims, t }) => {
    if (!emailConfigured()) throw new ActionError('invoices.invoice.emailNotConfigured');
    const { run, archive } = await invoiceSession(claims);
    await emailArchivedInvoice({ run, archive, invoiceId, to, t, locale: await getLocale() });
    revalidatePath(page(invoiceId));
    return { message: 'invoices.invoice.emailed', messageParams: { to } };
  },
});
