'use server';
// Server actions of the invoice pages, the owner's (createAction's default access). Each is one transaction as the user (sending: the steps in
// lib/invoices/send.ts); the database refuses what is not allowed (a sent invoice never changes).
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { ActionError, createAction } from '@/lib/actions/action';
import { INCOMPLETE_INVOICE_MESSAGES } from '@/lib/db/constraint-messages';
import { emailConfigured } from '@/lib/email/send';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { getLocale } from '@/lib/i18n/server';
import type { Tx } from '@/lib/db/transaction';
import { emailArchivedInvoice } from './email';
import { insertLine, updateLine } from './lines';
import { listUnbilledEntries } from './queries';
import { percentDiscountLine } from './totals';
import {
  addDiscountSchema,
  addHoursSchema,
  addLineSchema,
  createDraftSchema,
  creditSchema,
  draftDetailsSchema,
  emailSchema,
  firstNumberSchema,
  invoiceClientSchema,
  invoiceIdSchema,
  lineExemptionSchema,
  markPaidSchema,
  recordPaymentSchema,
  removeLineSchema,
  reversePaymentSchema,
  updateLineSchema,
} from './schemas';
import { finishArchive, sendInDatabase } from './send';
import { invoiceSession } from './session';

const page = (id: string) => `/fakturor/${id}`;

/** A new draft for the client billing the given entries; returns its id. */
async function insertDraft(tx: Tx, workspaceId: string, clientId: string, entryIds: string[], perEntry: boolean): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    // The VAT treatment follows from the client's country and VAT number (a database default).
    `insert into public.invoices (workspace_id, client_node_id)
     select $1, n.id from public.nodes n where n.id = $2 and n.kind = 'client'
     returning id`,
    [workspaceId, clientId],
  );
  // The client is a hidden field of these forms: the refusal is the form's.
  if (!rows[0]) throw new ActionError('db.invoiceNeedsClientNode');
  if (entryIds.length) await tx.query('select public.bill_time_entries($1, $2, $3)', [rows[0].id, entryIds, perEntry]);
  return rows[0].id;
}

export const createDraft = createAction({
  schema: createDraftSchema,
  handler: async ({ clientId, entryIds, perEntry }, ctx) => {
    const id = await ctx.tx((tx) => insertDraft(tx, ctx.workspace.id, clientId, entryIds, perEntry));
    redirect(page(id));
  },
});

/** From a client (on the map or the invoice pages) straight to a draft with all its unbilled hours. */
export const invoiceClient = createAction({
  schema: invoiceClientSchema,
  handler: async ({ clientId }, ctx) => {
    const id = await ctx.tx(async (tx) => {
      const entries = await listUnbilledEntries(tx, clientId);
      return insertDraft(
        tx,
        ctx.workspace.id,
        clientId,
        entries.map((e) => e.id),
        false,
      );
    });
    revalidatePath('/fakturor');
    redirect(page(id));
  },
});

export const addHours = createAction({
  schema: addHoursSchema,
  handler: async ({ invoiceId, entryIds, perEntry }, ctx) => {
    await ctx.tx((tx) => tx.query('select public.bill_time_entries($1, $2, $3)', [invoiceId, entryIds, perEntry]));
    revalidatePath(page(invoiceId));
  },
});

export const saveDraftDetails = createAction({
  schema: draftDetailsSchema,
  handler: async (v, ctx) => {
    await ctx.tx(async (tx) => {
      const { rowCount } = await tx.query(
        `update public.invoices set issue_date = $2, supply_date = $3, period_start = $4, period_end = $5, due_date = $6,
                vat_treatment = $7, buyer_reference = $8, seller_reference = $9, round_to_krona = $10, message = $11
          where id = $1 and status = 'draft'`,
        [
          v.invoiceId,
          v.issueDate,
          v.supplyDate,
          v.periodStart,
          v.periodEnd,
          v.dueDate,
          v.vatTreatment,
          v.buyerReference,
          v.sellerReference,
          v.roundToKrona,
          v.message,
        ],
      );
      if (!rowCount) throw new ActionError('db.invoiceNotDraft');
      // A treatment without Swedish VAT puts every line at 0 %, and exemption reasons belong to
      // domestic invoices only.
      if (v.vatTreatment !== 'domestic') {
        await tx.query(
          `update public.invoice_lines set vat_rate = 0, vat_exemption_reason = null
            where invoice_id = $1 and (vat_rate <> 0 or vat_exemption_reason is not null)`,
          [v.invoiceId],
        );
      }
    });
    revalidatePath(page(v.invoiceId));
    return { message: 'invoices.draft.saved', keepValues: true };
  },
});

export const addLine = createAction({
  schema: addLineSchema,
  handler: async (v, ctx) => {
    await ctx.tx(async (tx) => {
      await insertLine(tx, ctx.workspace.id, v.invoiceId, {
        description: v.description,
        quantity: v.quantity,
        unit: v.unit,
        unitPriceOre: v.unitPrice,
        vatRate: v.vatRate,
        kind: 'item',
        exemptionReason: v.vatExemptionReason,
      });
    });
    revalidatePath(page(v.invoiceId));
  },
});

/** A discount line: a fixed amount, or a percentage of the item lines at the same VAT rate. */
export const addDiscount = createAction({
  schema: addDiscountSchema,
  handler: async (v, ctx) => {
    const { t } = ctx;
    await ctx.tx(async (tx) => {
      let quantity = '-1';
      let unitPriceOre = v.amount ?? 0;
      if (v.percent !== undefined) {
        const { rows } = await tx.query<{ base: string }>(
          `select coalesce(sum(amount_ore), 0) as base from public.invoice_lines where invoice_id = $1 and vat_rate = $2 and line_kind = 'item'`,
          [v.invoiceId, v.vatRate],
        );
        const base = Number(rows[0].base);
        if (base <= 0) throw new ActionError('invoices.vat.discountNoBase', 'vatRate');
        ({ quantity, unitPriceOre } = percentDiscountLine(base, v.percent));
      }
      const description =
        v.description ??
        (v.percent !== undefined
          ? t('invoices.vat.discountPercentDescription', { percent: v.percent })
          : t('invoices.vat.discountDescription'));
      await insertLine(tx, ctx.workspace.id, v.invoiceId, {
        description,
        quantity,
        unit: 'st',
        unitPriceOre,
        vatRate: v.vatRate,
        kind: 'discount',
        exemptionReason: v.vatExemptionReason,
      });
    });
    revalidatePath(page(v.invoiceId));
  },
});

/** Edits a line in place: text, quantity, unit, price, VAT (a line of hours: text and VAT; its quantity follows them). */
export const updateDraftLine = createAction({
  schema: updateLineSchema,
  handler: async (v, ctx) => {
    await ctx.tx((tx) =>
      updateLine(tx, {
        invoiceId: v.invoiceId,
        lineId: v.lineId,
        description: v.description,
        quantity: v.quantity,
        unit: v.unit,
        unitPriceOre: v.unitPrice,
        vatRate: v.vatRate,
        exemptionReason: v.vatExemptionReason,
      }),
    );
    revalidatePath(page(v.invoiceId));
    return { message: 'invoices.draft.lineSaved' };
  },
});

/** Chooses the exemption reason of a 0 % line already on the draft (hours billed at 0 %, say). */
export const setLineExemption = createAction({
  schema: lineExemptionSchema,
  handler: async ({ invoiceId, lineId, vatExemptionReason }, ctx) => {
    await ctx.tx((tx) =>
      tx.query(`update public.invoice_lines set vat_exemption_reason = $3 where id = $1 and invoice_id = $2`, [
        lineId,
        invoiceId,
        vatExemptionReason,
      ]),
    );
    revalidatePath(page(invoiceId));
  },
});

export const removeLine = createAction({
  schema: removeLineSchema,
  handler: async ({ invoiceId, lineId }, ctx) => {
    await ctx.tx((tx) => tx.query(`delete from public.invoice_lines where id = $1 and invoice_id = $2`, [lineId, invoiceId]));
    revalidatePath(page(invoiceId));
  },
});

export const deleteDraft = createAction({
  schema: invoiceIdSchema,
  handler: async ({ invoiceId }, ctx) => {
    await ctx.tx((tx) => tx.query(`delete from public.invoices where id = $1 and status = 'draft'`, [invoiceId]));
    redirect('/fakturor');
  },
});

/** The draft form field a send refusal is about; the others are listed beside the send button. */
const SEND_REFUSAL_FIELDS: Partial<Record<string, string>> = { supply_date: 'supplyDate', period: 'periodEnd', due_date: 'dueDate' };

/** send_invoice()'s refusal (detail = every code) as messages in the user's language, per field. */
function incompleteInvoice(detail: string | undefined): ActionError {
  const fields: Record<string, MessageKey> = {};
  for (const code of (detail ?? '').split(',').filter(Boolean)) {
    fields[SEND_REFUSAL_FIELDS[code] ?? code] =
      INCOMPLETE_INVOICE_MESSAGES[code as keyof typeof INCOMPLETE_INVOICE_MESSAGES] ?? 'db.invoiceIncomplete.any';
  }
  return new ActionError('invoices.draft.missingTitle', undefined, fields);
}

/**
 * Sends: the database step, then the archive. An incomplete invoice stays on its page with every
 * refusal in words, the date ones at their fields; a second click finds it already sent and just shows it.
 */
export const sendInvoiceAction = createAction({
  schema: invoiceIdSchema,
  handler: async ({ invoiceId }, ctx) => {
    const { run, archive } = await invoiceSession(ctx);
    try {
      await sendInDatabase(run, invoiceId);
    } catch (error) {
      const e = error as { message?: string; detail?: string };
      if (e.message?.startsWith('invoice_incomplete:')) throw incompleteInvoice(e.detail);
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

/** Profile → the first number of the invoice series, before anything in it is sent (number_series_started after). */
export const setFirstInvoiceNumber = createAction({
  schema: firstNumberSchema,
  handler: async ({ firstNumber }, ctx) => {
    await ctx.tx((tx) => tx.query('select public.set_first_invoice_number($1, $2)', [ctx.workspace.id, firstNumber]));
    revalidatePath('/profil');
    return { message: 'invoices.series.saved', messageParams: { number: String(firstNumber) }, keepValues: true };
  },
});

export const markPaid = createAction({
  schema: markPaidSchema,
  handler: async ({ invoiceId }, ctx) => {
    await ctx.tx((tx) => tx.query('select id from public.mark_invoice_paid($1)', [invoiceId]));
    // The page re-renders with the paid status and date (the form itself goes away).
    revalidatePath(page(invoiceId));
  },
});

export const recordPayment = createAction({
  schema: recordPaymentSchema,
  handler: async ({ invoiceId, amount, paidOn, method, reference }, ctx) => {
    await ctx.tx((tx) =>
      tx.query('select id from public.record_payment($1, $2, $3, $4, $5)', [invoiceId, amount, paidOn, method, reference]),
    );
    revalidatePath(page(invoiceId));
    return { message: 'invoices.invoice.paymentRecorded' };
  },
});

export const reversePayment = createAction({
  schema: reversePaymentSchema,
  handler: async ({ invoiceId, paymentId, reason }, ctx) => {
    await ctx.tx((tx) => tx.query('select id from public.reverse_payment($1, $2)', [paymentId, reason]));
    revalidatePath(page(invoiceId));
  },
});

export const releaseCreditedHours = createAction({
  schema: invoiceIdSchema,
  handler: async ({ invoiceId }, ctx) => {
    await ctx.tx((tx) => tx.query('select public.release_credited_hours($1)', [invoiceId]));
    // The page re-renders saying the hours are released (the form itself goes away).
    revalidatePath(page(invoiceId));
  },
});

export const createCreditNote = createAction({
  schema: creditSchema,
  handler: async ({ invoiceId, lineIds }, ctx) => {
    const noteId = await ctx.tx(async (tx) => {
      const { rows } = await tx.query<{ id: string }>('select public.create_credit_note($1, $2) as id', [
        invoiceId,
        lineIds.length ? lineIds : null,
      ]);
      return rows[0].id;
    });
    redirect(page(noteId));
  },
});

export const emailInvoice = createAction({
  schema: emailSchema,
  handler: async ({ invoiceId, to }, ctx) => {
    const { t } = ctx;
    if (!emailConfigured()) throw new ActionError('invoices.invoice.emailNotConfigured');
    const { run, archive } = await invoiceSession(ctx);
    await emailArchivedInvoice({ run, archive, invoiceId, to, t, locale: await getLocale() });
    revalidatePath(page(invoiceId));
    return { message: 'invoices.invoice.emailed', messageParams: { to } };
  },
});
