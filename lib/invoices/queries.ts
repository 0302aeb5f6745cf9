// Reads for the invoice pages, as the signed-in user (RLS decides what exists for them).
import type { Tx } from '@/lib/db/transaction';
import type { PaymentMethod } from './payments';
import { DOCUMENT_KINDS, invoiceWhere, OUTSTANDING, OVERDUE, type DocumentKind } from './read';
import type { StoredTotals } from './totals';
import type { LineKind, VatExemptionReason, VatTreatment } from './vat-treatment';

export type InvoiceStatus = 'draft' | 'sent' | 'partly_paid' | 'paid' | 'credited';
export const STATUS_FILTERS = ['draft', 'sent', 'partly_paid', 'paid', 'credited', 'overdue'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface ListFilters {
  status?: StatusFilter;
  clientId?: string;
  from?: string;
  to?: string;
}

export interface InvoiceListItem {
  id: string;
  kind: DocumentKind;
  status: InvoiceStatus;
  number: string | null;
  clientId: string;
  clientName: string;
  issueDate: string | null;
  dueDate: string | null;
  netOre: number;
  vatOre: number;
  totalOre: number;
  /** What the buyer still owes (negative: overpaid); null on drafts and credit notes. */
  outstandingOre: number | null;
  overdue: boolean;
  archived: boolean;
}

export const INVOICE_PAGE_SIZE = 50;

export interface InvoiceList {
  items: InvoiceListItem[];
  /** The page shown (a page past the end shows the last), of how many, and how many in all. */
  page: number;
  pages: number;
  count: number;
  /** Sums over every issued invoice the filters select, not only this page. */
  totals: { issued: number; netOre: number; vatOre: number; totalOre: number; outstandingOre: number };
}

/** The invoice list, drafts first, then newest first, one page at a time. */
export async function listInvoices(tx: Tx, f: ListFilters, requestedPage = 1, pageSize = INVOICE_PAGE_SIZE): Promise<InvoiceList> {
  return (await queryInvoiceList(tx, f, requestedPage, pageSize, false)).list;
}

/** The invoice list page's data: the list and the clients to filter by, in one statement. */
export async function invoiceListPage(tx: Tx, f: ListFilters, requestedPage = 1): Promise<{ list: InvoiceList; clients: ClientOption[] }> {
  const { list, clients } = await queryInvoiceList(tx, f, requestedPage, INVOICE_PAGE_SIZE, true);
  return { list, clients: clients! };
}

// One round trip: the totals over everything the filters select, the page they leave (a page past
// the end shows the last, as pageWithin), that page's rows, and with `withClients` the clients.
async function queryInvoiceList(tx: Tx, f: ListFilters, requestedPage: number, pageSize: number, withClients: boolean) {
  const [where, params] = invoiceWhere({
    kinds: DOCUMENT_KINDS,
    drafts: true,
    status: f.status,
    clientId: f.clientId,
    from: f.from,
    to: f.to,
  });
  const page = `$${params.length + 1}::int`;
  const size = `$${params.length + 2}::int`;
  const { rows } = await tx.query<{ sums: Sums; items: ListRow[]; clients: ClientRow[] | null }>(
    `with sums as (
       select count(*)::int as count, count(*) filter (where i.status <> 'draft')::int as issued,
              coalesce(sum(i.net_ore) filter (where i.status <> 'draft'), 0)::float8 as net_ore,
              coalesce(sum(i.vat_ore) filter (where i.status <> 'draft'), 0)::float8 as vat_ore,
              coalesce(sum(i.total_ore) filter (where i.status <> 'draft'), 0)::float8 as total_ore,
              coalesce(sum(${OUTSTANDING}), 0)::float8 as outstanding_ore
         from public.invoices i where ${where}
     ), paged as (
       select s.*, greatest(1, ceil(s.count / ${size}::numeric))::int as pages from sums s
     ), shown as (
       select p.*, least(greatest(1, ${page}), p.pages) as page from paged p
     )
     select row_to_json(shown) as sums,
            (select coalesce(json_agg(r), '[]') from (
               select i.id, i.kind, i.status, i.number::text, i.client_node_id, coalesce(i.buyer_snapshot ->> 'name', c.name, n.title) as client_name,
                      i.issue_date::text, i.due_date::text, i.net_ore, i.vat_ore, i.total_ore, ${OUTSTANDING} as outstanding_ore,
                      i.pdf_path is not null as archived, ${OVERDUE} as overdue
                 from public.invoices i
                 left join public.client_details c on c.node_id = i.client_node_id
                 left join public.nodes n on n.id = i.client_node_id
                where ${where}
                order by i.status = 'draft' desc, i.issue_date desc nulls first, i.number desc nulls first, i.created_at desc, i.id
                limit ${size} offset (shown.page - 1) * ${size}) r) as items,
            ${withClients ? `(select json_agg(c) from (${CLIENTS}) c)` : 'null'} as clients
       from shown`,
    [...params, Math.trunc(requestedPage) || 1, pageSize],
  );
  const { sums, items, clients } = rows[0];
  const totals = {
    issued: sums.issued,
    netOre: sums.net_ore,
    vatOre: sums.vat_ore,
    totalOre: sums.total_ore,
    outstandingOre: sums.outstanding_ore,
  };
  return {
    list: { items: items.map(toListItem), page: sums.page, pages: sums.pages, count: sums.count, totals } satisfies InvoiceList,
    clients: withClients ? (clients ?? []).map(toClientOption) : null,
  };
}

interface Sums {
  count: number;
  issued: number;
  net_ore: number;
  vat_ore: number;
  total_ore: number;
  outstanding_ore: number;
  page: number;
  pages: number;
}

interface ListRow {
  id: string;
  kind: InvoiceListItem['kind'];
  status: InvoiceStatus;
  number: string | null;
  client_node_id: string;
  client_name: string | null;
  issue_date: string | null;
  due_date: string | null;
  net_ore: string;
  vat_ore: string;
  total_ore: string;
  outstanding_ore: string | null;
  overdue: boolean;
  archived: boolean;
}

function toListItem(r: ListRow): InvoiceListItem {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    number: r.number,
    clientId: r.client_node_id,
    clientName: r.client_name ?? '',
    issueDate: r.issue_date,
    dueDate: r.due_date,
    netOre: Number(r.net_ore),
    vatOre: Number(r.vat_ore),
    totalOre: Number(r.total_ore),
    outstandingOre: r.outstanding_ore === null ? null : Number(r.outstanding_ore),
    overdue: r.overdue,
    archived: r.archived,
  };
}

export interface ClientOption {
  id: string;
  name: string;
  hasDetails: boolean;
}

const CLIENTS = `select n.id, coalesce(nullif(c.name, ''), nullif(n.title, ''), '–') as name, c.node_id is not null as has_details
    from public.nodes n left join public.client_details c on c.node_id = n.id
   where n.kind = 'client' and n.archived_at is null order by 2`;

interface ClientRow {
  id: string;
  name: string;
  has_details: boolean;
}

const toClientOption = (r: ClientRow): ClientOption => ({ id: r.id, name: r.name, hasDetails: r.has_details });

export async function listClients(tx: Tx): Promise<ClientOption[]> {
  const { rows } = await tx.query<ClientRow>(CLIENTS);
  return rows.map(toClientOption);
}

export interface ClientUnbilled {
  clientId: string;
  name: string;
  minutes: number;
  /** What the hours bill, each node and rate rounded as bill_time_entries() puts them on a line. */
  amountOre: number;
}

/** Clients with unbilled billable hours (on themselves or below), most first. */
export async function listUnbilledByClient(tx: Tx): Promise<ClientUnbilled[]> {
  const { rows } = await tx.query(
    `with recursive tree as (
       select n.id, n.id as client_id from public.nodes n where n.kind = 'client' and n.archived_at is null
       union all
       select n.id, t.client_id from public.nodes n join tree t on n.parent_id = t.id where n.kind <> 'client'
     ), lines as (
       select t.client_id, sum(e.minutes) as minutes,
              round(greatest(round(sum(e.minutes) / 60.0, 2), 0.01) * e.hourly_rate_ore) as amount
         from public.time_entries e join tree t on t.id = e.node_id
        where e.invoice_line_id is null and e.billable
        group by t.client_id, e.node_id, e.hourly_rate_ore
     )
     select l.client_id, coalesce(nullif(c.name, ''), nullif(n.title, ''), '–') as name,
            sum(l.minutes)::int as minutes, sum(l.amount)::float8 as amount_ore
       from lines l join public.nodes n on n.id = l.client_id left join public.client_details c on c.node_id = l.client_id
      group by l.client_id, c.name, n.title
      order by sum(l.amount) desc, 2`,
  );
  return rows.map((r) => ({ clientId: r.client_id, name: r.name, minutes: r.minutes, amountOre: r.amount_ore }));
}

export interface UnbilledEntry {
  id: string;
  date: string;
  minutes: number;
  rateOre: number;
  description: string;
  nodeId: string;
  path: string;
}

/** Unbilled billable hours on the client and every node below it, with their path under the client. */
export async function listUnbilledEntries(tx: Tx, clientId: string): Promise<UnbilledEntry[]> {
  const { rows } = await tx.query(
    `with recursive tree as (
       select n.id, n.kind, ''::text as path from public.nodes n where n.id = $1 and n.kind = 'client'
       union all
       select n.id, n.kind, case when t.path = '' then n.title else t.path || ' › ' || n.title end
         from public.nodes n join tree t on n.parent_id = t.id where n.kind <> 'client'
     )
     select e.id, e.entry_date::text as date, e.minutes, e.hourly_rate_ore, e.description, e.node_id,
            coalesce(nullif(t.path, ''), (select coalesce(nullif(c.name, ''), n.title) from public.nodes n
              left join public.client_details c on c.node_id = n.id where n.id = $1)) as path
       from public.time_entries e join tree t on t.id = e.node_id
      where e.invoice_line_id is null and e.billable
      order by path, e.hourly_rate_ore, e.entry_date`,
    [clientId],
  );
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    minutes: r.minutes,
    rateOre: Number(r.hourly_rate_ore),
    description: r.description,
    nodeId: r.node_id,
    path: r.path,
  }));
}

export interface InvoiceLine {
  id: string;
  description: string;
  quantity: string;
  unit: string;
  unitPriceOre: number;
  vatRate: number;
  amountOre: number;
  kind: LineKind;
  exemptionReason: VatExemptionReason | null;
  /** Credited by sent credit notes or held by a draft one: nothing more to pick for a new credit note. */
  credited: boolean;
  /** Time entries the line bills (its quantity and price follow them); 0 for a free line. */
  hoursEntries: number;
}

export interface InvoiceEvent {
  event: string;
  occurredAt: Date;
  details: Record<string, unknown>;
}

export interface InvoicePayment {
  id: string;
  amountOre: number;
  paidOn: string;
  method: PaymentMethod;
  reference: string | null;
  reason: string | null;
  reversesPaymentId: string | null;
  reversed: boolean;
}

export interface InvoiceDetail {
  id: string;
  kind: 'invoice' | 'credit_note';
  status: InvoiceStatus;
  number: string | null;
  clientId: string;
  clientName: string;
  clientEmail: string | null;
  clientHasDetails: boolean;
  paymentTermsDays: number;
  issueDate: string | null;
  supplyDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  dueDate: string | null;
  paidOn: string | null;
  ocrReference: string | null;
  vatTreatment: VatTreatment;
  buyerReference: string | null;
  sellerReference: string | null;
  roundToKrona: boolean;
  message: string | null;
  pdfPath: string | null;
  pdfSha256: string | null;
  overdue: boolean;
  /** The totals the database computed from the lines (a credit note's round with the notes sent before it). */
  stored: StoredTotals;
  totalOre: number;
  paidOre: number;
  creditedOre: number;
  outstandingOre: number | null;
  credits: { id: string; number: string | null; issueDate: string | null } | null;
  creditNotes: { id: string; number: string | null; status: InvoiceStatus }[];
  lines: InvoiceLine[];
  events: InvoiceEvent[];
  payments: InvoicePayment[];
  /** Time entries still billed by this invoice's lines (released ones are not). */
  billedEntries: number;
  /** Credited invoices that billed some of this invoice's hours before they were released. */
  rebilledFrom: { id: string; number: string | null }[];
}

export async function getInvoice(tx: Tx, id: string): Promise<InvoiceDetail | null> {
  const { rows } = await tx.query(
    `select i.*, i.number::text as number_text, i.issue_date::text as issue, i.supply_date::text as supply,
            i.period_start::text as p_start, i.period_end::text as p_end, i.due_date::text as due, i.paid_on::text as paid,
            coalesce(i.buyer_snapshot ->> 'name', c.name, n.title) as client_name,
            coalesce(i.buyer_snapshot ->> 'email', c.email) as client_email, c.node_id is not null as has_details,
            coalesce(c.payment_terms_days, p.default_payment_terms_days, 30) as terms,
            ${OVERDUE} as overdue, ${OUTSTANDING} as outstanding,
            o.id as o_id, o.number::text as o_number, o.issue_date::text as o_issue
       from public.invoices i
       left join public.client_details c on c.node_id = i.client_node_id
       left join public.nodes n on n.id = i.client_node_id
       left join public.business_profiles p on p.workspace_id = i.workspace_id
       left join public.invoices o on o.id = i.credits_invoice_id
      where i.id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  const [lines, notes, events, payments, rebilled, billed] = await Promise.all([
    tx.query(
      `select l.id, l.description, l.quantity::text, l.unit, l.unit_price_ore, l.vat_rate, l.amount_ore, l.line_kind, l.vat_exemption_reason,
              exists (select 1 from public.invoice_lines c join public.invoices n on n.id = c.invoice_id
                       where c.credits_line_id = l.id and n.status = 'draft')
              or l.quantity + coalesce((select sum(c.quantity) from public.invoice_lines c join public.invoices n on n.id = c.invoice_id
                                         where c.credits_line_id = l.id and n.status <> 'draft'), 0) = 0 as credited,
              (select count(*)::int from public.time_entries e where e.invoice_line_id = l.id) as hours_entries
         from public.invoice_lines l where l.invoice_id = $1 order by l.position, l.created_at, l.id`,
      [id],
    ),
    tx.query(`select id, number::text, status from public.invoices where credits_invoice_id = $1 order by created_at`, [id]),
    tx.query(`select event, occurred_at, details from public.invoice_events where invoice_id = $1 order by occurred_at, id`, [id]),
    tx.query(
      `select p.id, p.amount_ore, p.paid_on::text as paid_on, p.method, p.reference, p.reason, p.reverses_payment_id,
              exists (select 1 from public.invoice_payments r where r.reverses_payment_id = p.id) as reversed
         from public.invoice_payments p where p.invoice_id = $1 order by p.created_at, p.id`,
      [id],
    ),
    tx.query(
      `select distinct o.id, o.number::text as number
         from public.invoice_lines l
         join public.time_entries e on e.invoice_line_id = l.id
         join public.invoice_events v on v.event = 'hours_released' and v.details -> 'time_entry_ids' ? e.id::text
         join public.invoices o on o.id = v.invoice_id
        where l.invoice_id = $1 and o.id <> $1`,
      [id],
    ),
    tx.query(
      `select count(*)::int as n from public.time_entries e join public.invoice_lines l on l.id = e.invoice_line_id where l.invoice_id = $1`,
      [id],
    ),
  ]);
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    number: r.number_text,
    clientId: r.client_node_id,
    clientName: r.client_name ?? '',
    clientEmail: r.client_email,
    clientHasDetails: r.has_details,
    paymentTermsDays: Number(r.terms),
    issueDate: r.issue,
    supplyDate: r.supply,
    periodStart: r.p_start,
    periodEnd: r.p_end,
    dueDate: r.due,
    paidOn: r.paid,
    ocrReference: r.ocr_reference,
    vatTreatment: r.vat_treatment,
    buyerReference: r.buyer_reference,
    sellerReference: r.seller_reference,
    roundToKrona: r.round_to_krona,
    message: r.message,
    pdfPath: r.pdf_path,
    pdfSha256: r.pdf_sha256,
    overdue: r.overdue,
    stored: {
      vatSummary: (r.vat_summary as { vat_rate: number; taxable_ore: number; vat_ore: number }[]).map((v) => ({
        vatRate: v.vat_rate,
        taxableOre: Number(v.taxable_ore),
        vatOre: Number(v.vat_ore),
      })),
      netOre: Number(r.net_ore),
      vatOre: Number(r.vat_ore),
      roundingOre: Number(r.rounding_ore),
      totalOre: Number(r.total_ore),
    },
    totalOre: Number(r.total_ore),
    paidOre: Number(r.paid_ore),
    creditedOre: Number(r.credited_ore),
    outstandingOre: r.outstanding === null ? null : Number(r.outstanding),
    credits: r.o_id ? { id: r.o_id, number: r.o_number, issueDate: r.o_issue } : null,
    creditNotes: notes.rows.map((x) => ({ id: x.id, number: x.number, status: x.status })),
    lines: lines.rows.map((l) => ({
      id: l.id,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPriceOre: Number(l.unit_price_ore),
      vatRate: l.vat_rate,
      amountOre: Number(l.amount_ore),
      kind: l.line_kind,
      exemptionReason: l.vat_exemption_reason,
      credited: l.credited,
      hoursEntries: l.hours_entries,
    })),
    events: events.rows.map((e) => ({ event: e.event, occurredAt: e.occurred_at, details: e.details })),
    payments: payments.rows.map((p) => ({
      id: p.id,
      amountOre: Number(p.amount_ore),
      paidOn: p.paid_on,
      method: p.method,
      reference: p.reference,
      reason: p.reason,
      reversesPaymentId: p.reverses_payment_id,
      reversed: p.reversed,
    })),
    billedEntries: billed.rows[0].n,
    rebilledFrom: rebilled.rows.map((o) => ({ id: o.id, number: o.number })),
  };
}
