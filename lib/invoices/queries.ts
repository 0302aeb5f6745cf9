// Reads for the invoice pages, as the signed-in user (RLS decides what exists for them).
import { pageWithin } from '@/lib/db/paging';
import type { Tx } from '@/lib/db/transaction';
import type { LineKind, VatExemptionReason, VatTreatment } from './vat-treatment';

export type InvoiceStatus = 'draft' | 'sent' | 'paid' | 'credited';
export const STATUS_FILTERS = ['draft', 'sent', 'paid', 'credited', 'overdue'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface ListFilters {
  status?: StatusFilter;
  clientId?: string;
  from?: string;
  to?: string;
}

export interface InvoiceListItem {
  id: string;
  kind: 'invoice' | 'credit_note';
  status: InvoiceStatus;
  number: string | null;
  clientId: string;
  clientName: string;
  issueDate: string | null;
  dueDate: string | null;
  netOre: number;
  vatOre: number;
  totalOre: number;
  overdue: boolean;
  archived: boolean;
}

const TODAY = `(now() at time zone 'Europe/Stockholm')::date`;

export const INVOICE_PAGE_SIZE = 50;

export interface InvoiceList {
  items: InvoiceListItem[];
  /** The page shown (a page past the end shows the last), of how many, and how many in all. */
  page: number;
  pages: number;
  count: number;
  /** Sums over every issued invoice the filters select, not only this page. */
  totals: { issued: number; netOre: number; vatOre: number; totalOre: number };
}

/** The invoice list, drafts first, then newest first, one page at a time. */
export async function listInvoices(tx: Tx, f: ListFilters, requestedPage = 1, pageSize = INVOICE_PAGE_SIZE): Promise<InvoiceList> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.status === 'overdue') where.push(`i.status = 'sent' and i.due_date < ${TODAY}`);
  else if (f.status) add('i.status = ?', f.status);
  if (f.clientId) add('i.client_node_id = ?', f.clientId);
  // Drafts have no issue date yet: the period filter goes by the date they were started.
  if (f.from) add('coalesce(i.issue_date, i.created_at::date) >= ?', f.from);
  if (f.to) add('coalesce(i.issue_date, i.created_at::date) <= ?', f.to);
  const whereSql = where.length ? `where ${where.join(' and ')}` : '';
  const { rows: sums } = await tx.query(
    `select count(*)::int as count, count(*) filter (where i.status <> 'draft')::int as issued,
            coalesce(sum(i.net_ore) filter (where i.status <> 'draft'), 0)::float8 as net_ore,
            coalesce(sum(i.vat_ore) filter (where i.status <> 'draft'), 0)::float8 as vat_ore,
            coalesce(sum(i.total_ore) filter (where i.status <> 'draft'), 0)::float8 as total_ore
       from public.invoices i ${whereSql}`,
    params,
  );
  const count: number = sums[0].count;
  const { page, pages, offset } = pageWithin(requestedPage, count, pageSize);
  const { rows } = await tx.query<ListRow>(
    `select i.id, i.kind, i.status, i.number::text, i.client_node_id, coalesce(i.buyer_snapshot ->> 'name', c.name, n.title) as client_name,
            i.issue_date::text, i.due_date::text, i.net_ore, i.vat_ore, i.total_ore, i.pdf_path is not null as archived,
            (i.status = 'sent' and i.due_date < ${TODAY}) as overdue
       from public.invoices i
       left join public.client_details c on c.node_id = i.client_node_id
       left join public.nodes n on n.id = i.client_node_id
      ${whereSql}
      order by i.status = 'draft' desc, i.issue_date desc nulls first, i.number desc nulls first, i.created_at desc, i.id
      limit ${pageSize} offset ${offset}`,
    params,
  );
  const totals = { issued: sums[0].issued, netOre: sums[0].net_ore, vatOre: sums[0].vat_ore, totalOre: sums[0].total_ore };
  return { items: rows.map(toListItem), page, pages, count, totals };
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
    overdue: r.overdue,
    archived: r.archived,
  };
}

export interface ClientOption {
  id: string;
  name: string;
  hasDetails: boolean;
}

export async function listClients(tx: Tx): Promise<ClientOption[]> {
  const { rows } = await tx.query(
    `select n.id, coalesce(nullif(c.name, ''), nullif(n.title, ''), '–') as name, c.node_id is not null as has_details
       from public.nodes n left join public.client_details c on c.node_id = n.id
      where n.kind = 'client' and n.archived_at is null order by 2`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, hasDetails: r.has_details }));
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
  credited: boolean;
}

export interface InvoiceEvent {
  event: string;
  occurredAt: Date;
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
  totalOre: number;
  credits: { id: string; number: string | null; issueDate: string | null } | null;
  creditNotes: { id: string; number: string | null; status: InvoiceStatus }[];
  lines: InvoiceLine[];
  events: InvoiceEvent[];
}

export async function getInvoice(tx: Tx, id: string): Promise<InvoiceDetail | null> {
  const { rows } = await tx.query(
    `select i.*, i.number::text as number_text, i.issue_date::text as issue, i.supply_date::text as supply,
            i.period_start::text as p_start, i.period_end::text as p_end, i.due_date::text as due, i.paid_on::text as paid,
            coalesce(i.buyer_snapshot ->> 'name', c.name, n.title) as client_name,
            coalesce(i.buyer_snapshot ->> 'email', c.email) as client_email, c.node_id is not null as has_details,
            coalesce(c.payment_terms_days, p.default_payment_terms_days, 30) as terms,
            (i.status = 'sent' and i.due_date < ${TODAY}) as overdue,
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
  const [lines, notes, events] = await Promise.all([
    tx.query(
      `select l.id, l.description, l.quantity::text, l.unit, l.unit_price_ore, l.vat_rate, l.amount_ore, l.line_kind,
              l.vat_exemption_reason, exists (select 1 from public.invoice_lines c where c.credits_line_id = l.id) as credited
         from public.invoice_lines l where l.invoice_id = $1 order by l.position, l.created_at, l.id`,
      [id],
    ),
    tx.query(`select id, number::text, status from public.invoices where credits_invoice_id = $1 order by created_at`, [id]),
    tx.query(`select event, occurred_at from public.invoice_events where invoice_id = $1 order by occurred_at, id`, [id]),
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
    totalOre: Number(r.total_ore),
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
    })),
    events: events.rows.map((e) => ({ event: e.event, occurredAt: e.occurred_at })),
  };
}
