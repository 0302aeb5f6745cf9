// The overdue list (issue 19, item 1): what is past its due date with something left to pay,
// per client and in total, with the reminders sent and what the daily job suggests.
import type { Tx } from '@/lib/db/transaction';
import { invoiceWhere, OUTSTANDING } from '@/lib/invoices/read';

export interface OverdueInvoice {
  id: string;
  number: string;
  clientId: string;
  client: string;
  dueDate: string;
  daysLate: number;
  outstandingOre: number;
  reminders: number;
  reminderSuggested: boolean;
}

export interface OverdueClient {
  clientId: string;
  client: string;
  outstandingOre: number;
  interestSuggested: boolean;
  invoices: OverdueInvoice[];
}

export async function listOverdue(tx: Tx): Promise<{ clients: OverdueClient[]; totalOre: number; count: number }> {
  const [where, params] = invoiceWhere({ kinds: ['invoice'], drafts: false, status: 'overdue' });
  const { rows } = await tx.query<OverdueInvoice>(
    `with s as (select * from public.collection_suggestions())
     select i.id, i.number::text as number, i.client_node_id as "clientId",
            coalesce(i.buyer_snapshot ->> 'name', cd.name, '') as client, i.due_date::text as "dueDate",
            private.stockholm_today() - i.due_date as "daysLate", ${OUTSTANDING}::float8 as "outstandingOre",
            (select count(*)::int from public.payment_reminders r where r.invoice_id = i.id) as reminders,
            exists (select 1 from s where s.kind = 'reminder' and s.subject_id = i.id) as "reminderSuggested"
       from public.invoices i left join public.client_details cd on cd.node_id = i.client_node_id
      where ${where}
      order by client, i.due_date, i.number`,
    params,
  );
  const { rows: interest } = await tx.query<{ subject_id: string; client: string }>(
    `select s.subject_id, coalesce(cd.name, n.title) as client from public.collection_suggestions() s
       join public.nodes n on n.id = s.subject_id left join public.client_details cd on cd.node_id = s.subject_id
      where s.kind = 'interest'`,
  );
  const byClient = new Map<string, OverdueClient>();
  for (const r of rows) {
    const c = byClient.get(r.clientId) ?? {
      clientId: r.clientId,
      client: r.client,
      outstandingOre: 0,
      interestSuggested: false,
      invoices: [],
    };
    c.outstandingOre += r.outstandingOre;
    c.invoices.push(r);
    byClient.set(r.clientId, c);
  }
  for (const s of interest) {
    const c = byClient.get(s.subject_id) ?? {
      clientId: s.subject_id,
      client: s.client,
      outstandingOre: 0,
      interestSuggested: false,
      invoices: [],
    };
    c.interestSuggested = true;
    byClient.set(s.subject_id, c);
  }
  return { clients: [...byClient.values()], totalOre: rows.reduce((s, r) => s + r.outstandingOre, 0), count: rows.length };
}
