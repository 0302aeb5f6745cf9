// Periodisk sammanställning (EC sales list): per month or calendar quarter, each EU buyer's VAT
// number and the value of services sold to them under the main rule (reverse charge), credit
// notes subtracted, by issue date (the period of the supply, as box 39). The file is
// Skatteverket's format for its file upload: semicolon-separated text, first line SKV574008;,
// second the reporter's VAT number, the period (YYMM or YY-Q), contact name (at most 35
// characters), phone and e-mail; then per buyer: VAT number; goods; triangulation; services,
// values in whole kronor.
import type { Tx } from '@/lib/db/transaction';
import { EXPORT_KINDS, invoiceWhere } from '@/lib/invoices/read';
import type { ReportPeriod } from './periods';

export interface EcSalesRow {
  vatNumber: string;
  ore: number;
  kronor: number;
  documents: number;
}

export interface EcSalesList {
  period: ReportPeriod;
  rows: EcSalesRow[];
  /** Reverse-charge documents of the period without a buyer VAT number: the file is refused until they have one. */
  missingVatNumber: { id: string; number: number; clientName: string }[];
  /** The seller as on the last invoice sent by the period's end (an accountant cannot read the live profile). */
  seller: { vatNumber: string | null; name: string; phone: string | null; email: string | null };
}

const kronor = (ore: number) => Math.trunc(ore / 100);
/** Skatteverket's form of a VAT number: country code and characters, no spaces, dots or dashes. */
const compact = (vat: string) => vat.replace(/[\s.-]/g, '').toUpperCase();

export async function ecSalesList(tx: Tx, workspaceId: string, period: ReportPeriod): Promise<EcSalesList> {
  const [base, params] = invoiceWhere({ kinds: EXPORT_KINDS, drafts: false, from: period.from, to: period.to });
  const { rows } = await tx.query<{ vat: string | null; ore: number; documents: number; missing: EcSalesList['missingVatNumber'] | null }>(
    `select nullif(btrim(i.buyer_snapshot ->> 'vat_number'), '') as vat, sum(i.net_ore)::float8 as ore, count(*)::int as documents,
            case when nullif(btrim(i.buyer_snapshot ->> 'vat_number'), '') is null then
              jsonb_agg(jsonb_build_object('id', i.id, 'number', i.number, 'clientName', coalesce(i.buyer_snapshot ->> 'name', '')) order by i.number) end as missing
       from public.invoices i
      where ${base} and i.vat_treatment = 'eu_reverse_charge'
      group by 1 order by 1`,
    params,
  );
  const seller = await tx.query<EcSalesList['seller']>(
    `select s ->> 'vat_number' as "vatNumber", coalesce(nullif(s ->> 'legal_name', ''), w.name) as name, s ->> 'phone' as phone, s ->> 'email' as email
       from public.workspaces w left join lateral (
         select i.seller_snapshot as s from public.invoices i
          where i.workspace_id = w.id and i.status <> 'draft' and i.issue_date <= $2 order by i.issue_date desc, i.sent_at desc limit 1) x on true
      where w.id = $1`,
    [workspaceId, period.to],
  );
  const byVat = new Map<string, EcSalesRow>();
  for (const r of rows.filter((r) => r.vat)) {
    const vat = compact(r.vat!);
    const row = byVat.get(vat) ?? { vatNumber: vat, ore: 0, kronor: 0, documents: 0 };
    row.ore += r.ore;
    row.documents += r.documents;
    byVat.set(vat, row);
  }
  for (const row of byVat.values()) row.kronor = kronor(row.ore);
  return {
    period,
    rows: [...byVat.values()],
    missingVatNumber: rows.find((r) => !r.vat)?.missing ?? [],
    seller: seller.rows[0] ?? { vatNumber: null, name: '', phone: null, email: null },
  };
}

/** The period as the file names it: 2212 for December 2022, 22-4 for its fourth quarter. */
export function ecPeriodCode(period: ReportPeriod): string {
  const [y, m] = period.from.split('-');
  return period.kind === 'month' ? `${y.slice(2)}${m}` : `${y.slice(2)}-${Math.ceil(Number(m) / 3)}`;
}

export class EcSalesListIncomplete extends Error {}

/** A field without the separator or line breaks, at most `max` characters. */
const field = (text: string | null, max: number) =>
  (text ?? '')
    .replace(/[;\r\n]+/g, ' ')
    .trim()
    .slice(0, max);

/** The SKV574008 file; refuses (EcSalesListIncomplete) while a buyer's VAT number is missing. */
export function ecSalesFile(list: EcSalesList): string {
  if (list.missingVatNumber.length || !list.seller.vatNumber) throw new EcSalesListIncomplete();
  const phone = (list.seller.phone ?? '').replace(/[^0-9+-]/g, '').slice(0, 17);
  const lines = [
    'SKV574008;',
    [compact(list.seller.vatNumber), ecPeriodCode(list.period), field(list.seller.name, 35), phone, field(list.seller.email, 100)].join(
      ';',
    ),
    ...list.rows.map((r) => `${r.vatNumber};;;${r.kronor}`),
  ];
  return lines.join('\r\n') + '\r\n';
}
