// The vouchers of a period, in date order, read through a cursor so memory stays flat however
// many invoices there are: under RLS as the user, through the one invoice-read core (only the
// kinds the exports carry, never drafts). One row per event; kontantmetoden's rows carry the
// invoice's history, so each event is booked on its own (see vouchers.ts).
import type { Tx } from '@/lib/db/transaction';
import { EXPORT_KINDS, invoiceWhere } from '@/lib/invoices/read';
import { VAT_TREATMENTS } from '@/lib/invoices/vat-treatment';
import { CHARGE_KINDS, CHARGE_POSTING, TREATMENT_BOOKING, type BookkeepingSettings } from './accounts';
import { fiscalYearEnds, type Period } from './fiscal-year';
import { cashVoucher, documentVoucher, paymentVoucher, type CashHistory, type Voucher, type VatRow } from './vouchers';

const BATCH = 500;
// Constants of the code, not input: written into the SQL as literals.
const JSON_CHARGE_POSTING = `'${JSON.stringify(CHARGE_POSTING)}'`;
const SQL_CHARGE_KINDS = `array[${CHARGE_KINDS.map((k) => `'${k}'`).join(', ')}]`;
/** Year-end bookings sort after everything else on their day. */
const END_OF_DAY = 1e15;

interface EventRow {
  event: 'document' | 'payment' | 'cash_payment' | 'cash_credit' | 'year_end';
  on: string;
  ref: string | null;
  amount: number | null;
  refNumber: number | null;
  id: string;
  kind: 'invoice' | 'credit_note';
  number: number;
  issueDate: string;
  clientName: string;
  vatTreatment: CashHistory['vatTreatment'];
  vatSummary: VatRow[];
  roundingOre: number;
  totalOre: number;
  charges: CashHistory['charges'];
  payments: CashHistory['payments'] | null;
  credits: { id: string; on: string; at: number; totalOre: number; roundingOre: number; vatSummary: VatRow[] }[] | null;
}

/** A document's charge lines (a räntefaktura's), summed per posting (CHARGE_POSTING). */
const CHARGES = `(select jsonb_object_agg(c.posting, c.ore) from (
    select (${JSON_CHARGE_POSTING}::jsonb ->> l.line_kind) as posting, sum(l.amount_ore)::float8 as ore
      from public.invoice_lines l where l.invoice_id = i.id and l.line_kind = any(${SQL_CHARGE_KINDS}) group by 1) c) as charges`;

const DOC = `i.id, i.kind, i.number::int as number, i.issue_date::text as "issueDate", coalesce(i.buyer_snapshot ->> 'name', '') as "clientName",
  i.vat_treatment as "vatTreatment", i.vat_summary as "vatSummary", i.rounding_ore::float8 as "roundingOre", i.total_ore::float8 as "totalOre",
  ${CHARGES}`;
/** The invoice's payments and sent credit notes, when `when` holds (kontantmetoden's events). */
const history = (when: string) => `
  case when ${when} then (select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'on', p.paid_on, 'at', extract(epoch from p.created_at),
         'amount', p.amount_ore)), '[]') from public.invoice_payments p where p.invoice_id = i.id) end as payments,
  case when ${when} then (select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'on', c.issue_date, 'at', extract(epoch from c.sent_at),
         'totalOre', c.total_ore, 'roundingOre', c.rounding_ore, 'vatSummary', c.vat_summary)), '[]')
     from public.invoices c where c.credits_invoice_id = i.id and c.kind = 'credit_note' and c.status <> 'draft') end as credits`;

/** The events of the period as one ordered query; $1 kinds, $2..$6 as in ledgerVouchers. */
function eventsSql(base: string): string {
  const invoiceBooked = `(not $4 or i.vat_treatment = any($5::text[]))`;
  const cashBooked = `($4 and not i.vat_treatment = any($5::text[]))`;
  return `
    select 'document' as event, i.issue_date::text as "on", extract(epoch from i.sent_at)::float8 as at, null::uuid as ref,
           null::float8 as amount, null::int as "refNumber", ${DOC}, null::jsonb as payments, null::jsonb as credits
      from public.invoices i where ${base} and i.issue_date between $2 and $3 and ${invoiceBooked}
    union all
    select case when ${invoiceBooked} then 'payment' else 'cash_payment' end, p.paid_on::text, extract(epoch from p.created_at)::float8, p.id,
           p.amount_ore::float8, null, ${DOC}, ${history(cashBooked)}
      from public.invoice_payments p join public.invoices i on i.id = p.invoice_id
     where ${base} and p.paid_on between $2 and $3
    union all
    select 'cash_credit', c.issue_date::text, extract(epoch from c.sent_at)::float8, c.id, null, c.number::int, ${DOC}, ${history('true')}
      from public.invoices c join public.invoices i on i.id = c.credits_invoice_id
     where ${base} and c.kind = 'credit_note' and c.status <> 'draft' and c.issue_date between $2 and $3 and ${cashBooked}
    union all
    select 'year_end', e.day::text, ${END_OF_DAY}, null, null, null, ${DOC}, ${history('true')}
      from unnest($6::date[]) e(day) join public.invoices i on i.issue_date <= e.day
     where ${base} and i.kind = 'invoice' and ${cashBooked}
       and (i.status in ('sent', 'partly_paid')
            or exists (select 1 from public.invoice_payments p where p.invoice_id = i.id and p.paid_on > e.day)
            or exists (select 1 from public.invoices c where c.credits_invoice_id = i.id and c.status <> 'draft' and c.issue_date > e.day))
     order by 2, 3, 1, 7, 4`;
}

function toVoucher(row: EventRow, settings: BookkeepingSettings): Voucher | null {
  const base = { date: row.on, documentId: row.id, documentNumber: row.number, clientName: row.clientName };
  switch (row.event) {
    case 'document':
      return documentVoucher({ ...row, ...base, kind: row.kind });
    case 'payment':
      return paymentVoucher(base, row.amount!);
  }
  // A credit note follows the treatment of the invoice it credits.
  const history: CashHistory = {
    ...row,
    payments: row.payments!,
    credits: row.credits!.map((c) => ({ ...c, vatTreatment: row.vatTreatment })),
  };
  const start = settings.fiscalYearStartMonth;
  if (row.event === 'cash_payment') return cashVoucher(history, { kind: 'payment', id: row.ref! }, start, base);
  if (row.event === 'cash_credit')
    return cashVoucher(history, { kind: 'credit_note', id: row.ref! }, start, {
      ...base,
      documentId: row.ref!,
      documentNumber: row.refNumber!,
    });
  return cashVoucher(history, { kind: 'year_end', on: row.on }, start, base);
}

/** Every voucher dated within the period, oldest first. */
export async function* ledgerVouchers(tx: Tx, settings: BookkeepingSettings, period: Period): AsyncGenerator<Voucher> {
  const [base, params] = invoiceWhere({ kinds: EXPORT_KINDS, drafts: false });
  const cash = settings.method === 'cash';
  const invoiceBooked = VAT_TREATMENTS.filter((t) => TREATMENT_BOOKING[t].bookedWhenInvoiced);
  const yearEnds = cash ? fiscalYearEnds(period.from, period.to, settings.fiscalYearStartMonth) : [];
  await tx.query(`declare sie_ledger no scroll cursor for ${eventsSql(base)}`, [
    ...params,
    period.from,
    period.to,
    cash,
    invoiceBooked,
    yearEnds,
  ]);
  try {
    for (;;) {
      const { rows } = await tx.query<EventRow>(`fetch ${BATCH} from sie_ledger`);
      for (const row of rows) {
        const v = toVoucher(row, settings);
        if (v) yield v;
      }
      if (rows.length < BATCH) return;
    }
  } finally {
    await tx.query(`close sie_ledger`);
  }
}
