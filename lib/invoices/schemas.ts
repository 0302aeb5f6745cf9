// Form schemas of the invoice pages. Messages are catalogue keys; createAction translates them.
import { z } from 'zod';
import { today } from '@/lib/time/week';
import { parseMoneyToOre } from '@/lib/validation/quantities';
import { invoiceText, isMultiLine, isSingleLine, MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE } from '@/lib/validation/text';
import { PAYMENT_METHODS } from './payments';
import { quantityHundredths, VAT_RATES } from './totals';
import { VAT_EXEMPTION_REASONS, VAT_TREATMENTS } from './vat-treatment';

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'invoices.invoice.notFound');

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), 'invoices.errors.date');
/** No invoice date lies before this (the database says the same). */
const EARLIEST_DATE = '2000-01-01';
/** The same day a year later, as Postgres adds `interval '1 year'` (29 February → 28 February). */
const oneYearAfter = (day: string) => {
  const [year, month, date] = day.split('-');
  return `${Number(year) + 1}-${month}-${month === '02' && date === '29' ? '28' : date}`;
};
const requiredDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invoices.errors.date');
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true');
/** Several values under one name arrive joined with commas (see idList below). */
const idList = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',').filter(Boolean) : []))
  .pipe(z.array(uuid));

/** Er/Vår referens: optional single-line text up to 100 characters. */
const reference = z
  .string()
  .trim()
  .max(100, 'invoices.vat.referenceTooLong')
  .refine(isSingleLine, SINGLE_LINE_MESSAGE)
  .transform(invoiceText())
  .optional()
  .transform((v) => v || null);

/** An exemption reason from the list, or none (the empty choice). */
const exemptionReason = z
  .string()
  .optional()
  .transform((v) => v || null)
  .pipe(z.enum(VAT_EXEMPTION_REASONS, { error: 'db.exemptionReasonInvalid' }).nullable());

const vatRate = z.coerce.number().refine((v) => (VAT_RATES as readonly number[]).includes(v), 'invoices.errors.vatRate');

export const createDraftSchema = z.object({ clientId: uuid, entryIds: idList, perEntry: checkbox });
export const addHoursSchema = z.object({
  invoiceId: uuid,
  entryIds: idList.refine((ids) => ids.length > 0, 'invoices.errors.noEntries'),
  perEntry: checkbox,
});

export const draftDetailsSchema = z
  .object({
    invoiceId: uuid,
    issueDate: optionalDate,
    supplyDate: optionalDate,
    periodStart: optionalDate,
    periodEnd: optionalDate,
    dueDate: optionalDate,
    vatTreatment: z.enum(VAT_TREATMENTS, { error: 'db.vatTreatmentInvalid' }),
    buyerReference: reference,
    sellerReference: reference,
    roundToKrona: checkbox,
    message: z
      .string()
      .trim()
      .max(2000, 'validation.tooLong')
      .refine(isMultiLine, MULTI_LINE_MESSAGE)
      .transform(invoiceText())
      .optional()
      .transform((v) => v || null),
  })
  .refine((v) => !v.periodStart || !v.periodEnd || v.periodStart <= v.periodEnd, { message: 'db.periodOrder', path: ['periodEnd'] })
  .refine((v) => !v.issueDate || !v.dueDate || v.issueDate <= v.dueDate, { message: 'db.dueBeforeIssue', path: ['dueDate'] })
  .superRefine((v, ctx) => {
    // The database's bounds (invoices_*_range, send_invoice): the issue date is the day of sending.
    const latest = oneYearAfter(today());
    for (const field of ['issueDate', 'dueDate'] as const) {
      if (v[field] && v[field] < EARLIEST_DATE) ctx.addIssue({ code: 'custom', message: 'db.dateBefore2000', path: [field] });
    }
    for (const [field, message] of [
      ['supplyDate', 'db.supplyDateRange'],
      ['periodStart', 'db.periodRange'],
      ['periodEnd', 'db.periodRange'],
    ] as const) {
      const day = v[field];
      if (day && (day < EARLIEST_DATE || day > latest)) ctx.addIssue({ code: 'custom', message, path: [field] });
    }
  });

/** A quantity with at most two decimals, not zero: "1,5" → "1.50". */
const quantity = z
  .string()
  .trim()
  .transform((v) => v.replace(',', '.'))
  .refine((v) => {
    try {
      return /^-?\d{1,10}(\.\d{1,2})?$/.test(v) && quantityHundredths(v) !== 0n;
    } catch {
      return false;
    }
  }, 'invoices.errors.quantity');

const lineDescription = z
  .string()
  .trim()
  .min(1, 'invoices.errors.description')
  .max(500, 'invoices.errors.description')
  .refine(isSingleLine, SINGLE_LINE_MESSAGE)
  .transform(invoiceText());
const unit = z
  .string()
  .trim()
  .min(1, 'invoices.errors.unit')
  .max(20, 'invoices.errors.unit')
  .refine(isSingleLine, SINGLE_LINE_MESSAGE)
  .transform(invoiceText());
const unitPrice = z
  .string()
  .transform((v) => parseMoneyToOre(v))
  .refine((v): v is number => v !== null && v >= 0, 'invoices.errors.unitPrice');

export const addLineSchema = z.object({
  invoiceId: uuid,
  description: lineDescription,
  quantity,
  unit,
  unitPrice,
  vatRate,
  vatExemptionReason: exemptionReason,
});

/** A line edited in place; quantity, unit and price are left out for a line whose quantity follows its hours. */
export const updateLineSchema = z.object({
  invoiceId: uuid,
  lineId: uuid,
  description: lineDescription,
  quantity: quantity.optional().transform((v) => v ?? null),
  unit: unit.optional().transform((v) => v ?? null),
  unitPrice: unitPrice.optional().transform((v) => v ?? null),
  vatRate,
  vatExemptionReason: exemptionReason,
});

/** One step from a client to a draft with all its unbilled hours. */
export const invoiceClientSchema = z.object({ clientId: uuid });

/** A discount: an amount in kronor or a whole percentage of the lines at its VAT rate, not both. */
export const addDiscountSchema = z
  .object({
    invoiceId: uuid,
    description: z
      .string()
      .trim()
      .max(500, 'invoices.errors.description')
      .refine(isSingleLine, SINGLE_LINE_MESSAGE)
      .transform(invoiceText())
      .optional()
      .transform((v) => v || null),
    amount: z
      .string()
      .optional()
      .transform((v) => (v?.trim() ? parseMoneyToOre(v) : undefined))
      .refine((v) => v === undefined || (v !== null && v > 0), 'invoices.errors.unitPrice'),
    percent: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? Number(v.replace(',', '.')) : undefined))
      .refine((v) => v === undefined || (Number.isInteger(v) && v >= 1 && v <= 100), 'invoices.vat.discountEitherOr'),
    vatRate,
    vatExemptionReason: exemptionReason,
  })
  .refine((v) => (v.amount === undefined) !== (v.percent === undefined), { message: 'invoices.vat.discountEitherOr', path: ['amount'] });

export const lineExemptionSchema = z.object({ invoiceId: uuid, lineId: uuid, vatExemptionReason: exemptionReason });

export const invoiceIdSchema = z.object({ invoiceId: uuid });
export const firstNumberSchema = z.object({
  firstNumber: z
    .string()
    .trim()
    .regex(/^[0-9]{1,9}$/, 'db.firstNumberRange')
    .transform(Number)
    .refine((n) => n >= 1, 'db.firstNumberRange'),
});
export const removeLineSchema = z.object({ invoiceId: uuid, lineId: uuid });
export const markPaidSchema = z.object({ invoiceId: uuid });
export const recordPaymentSchema = z.object({
  invoiceId: uuid,
  amount: z
    .string()
    .transform((v) => parseMoneyToOre(v))
    .refine((v): v is number => v !== null && v > 0, 'db.paymentAmountPositive'),
  paidOn: requiredDate,
  method: z.enum(PAYMENT_METHODS, { error: 'db.paymentMethodInvalid' }),
  reference: z
    .string()
    .trim()
    .max(140, 'db.paymentReferenceInvalid')
    .optional()
    .transform((v) => v || null),
});
export const reversePaymentSchema = z.object({
  invoiceId: uuid,
  paymentId: uuid,
  reason: z.string().trim().min(1, 'db.paymentReversalReasonRequired').max(500, 'db.paymentReasonInvalid'),
});
export const creditSchema = z.object({ invoiceId: uuid, lineIds: idList });
export const emailSchema = z.object({
  invoiceId: uuid,
  to: z
    .string()
    .trim()
    .min(1, 'invoices.errors.email')
    .max(320, 'invoices.errors.email')
    .pipe(z.email({ error: 'invoices.errors.email' })),
});
