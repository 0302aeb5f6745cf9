// The one invoice-read core: which documents a reader takes and how a filter becomes SQL, for the
// invoice list, the accountant's portal and customer ledger, and every export (ZIP, SIE, register
// CSV). The document kinds are always explicit: a reader names the kinds it takes, and a kind the
// exports have not been taught (a quote, say) is never selected by them.

/** The product's one today (Europe/Stockholm), as SQL. */
const TODAY = 'private.stockholm_today()';
/** A credit note asks for no payment, so only an invoice with something left to pay is overdue. */
export const OVERDUE = `(i.kind = 'invoice' and i.status in ('sent', 'partly_paid') and i.due_date < ${TODAY})`;
/** Outstanding of a sent invoice (see invoices.credited_ore); null on drafts and credit notes. */
export const OUTSTANDING = `(case when i.kind = 'invoice' and i.status <> 'draft' then i.total_ore - i.paid_ore - i.credited_ore end)`;

/** Every kind of document public.invoices holds (invoices_kind_valid). */
export const DOCUMENT_KINDS = ['invoice', 'credit_note'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * Whether a kind is bookkeeping the exports carry (SIE vouchers, the PDF ZIP, the register, the
 * ledger). A Record, so adding a kind to DOCUMENT_KINDS does not compile until it is decided here.
 */
const IN_EXPORTS: Record<DocumentKind, boolean> = { invoice: true, credit_note: true };
export const EXPORT_KINDS: readonly DocumentKind[] = DOCUMENT_KINDS.filter((k) => IN_EXPORTS[k]);

export type ReadStatus = 'draft' | 'sent' | 'partly_paid' | 'paid' | 'credited' | 'open' | 'overdue';

export interface InvoiceFilter {
  /** The kinds this reader takes; nothing else is selected. */
  kinds: readonly DocumentKind[];
  /** Drafts too (the owner's invoice list); every other reader takes only what was sent. */
  drafts: boolean;
  /** A stored status, or open (something left to pay) / overdue (and past its due date). */
  status?: ReadStatus;
  clientId?: string;
  /** Period by issue date (a draft, which has none yet, by the day it was started). */
  from?: string;
  to?: string;
}

/** The where clause (on `public.invoices i`) for a filter, its parameters in order. */
export function invoiceWhere(filter: InvoiceFilter): [string, unknown[]] {
  const unknown = filter.kinds.filter((k) => !(DOCUMENT_KINDS as readonly string[]).includes(k));
  if (unknown.length || filter.kinds.length === 0) throw new Error(`invoiceWhere: unknown or no document kinds (${unknown.join(', ')})`);
  if (filter.status === 'draft' && !filter.drafts) throw new Error('invoiceWhere: a draft filter on a reader that takes no drafts');
  const params: unknown[] = [];
  const clauses: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  add('i.kind = any(?::text[])', [...filter.kinds]);
  if (!filter.drafts) clauses.push(`i.status <> 'draft'`);
  if (filter.status === 'open') clauses.push(`i.status in ('sent', 'partly_paid') and i.kind = 'invoice'`);
  else if (filter.status === 'overdue') clauses.push(OVERDUE);
  else if (filter.status) add('i.status = ?', filter.status);
  if (filter.clientId) add('i.client_node_id = ?::uuid', filter.clientId);
  const day = filter.drafts ? 'coalesce(i.issue_date, i.created_at::date)' : 'i.issue_date';
  if (filter.from) add(`${day} >= ?::date`, filter.from);
  if (filter.to) add(`${day} <= ?::date`, filter.to);
  return [clauses.join(' and '), params];
}
