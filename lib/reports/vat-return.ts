// Momsdeklaration from sales: the boxes a consultant fills, computed from the same vouchers as
// the SIE export (so per the workspace's method), each with the vouchers behind it.
// 05 taxable domestic sales, 10/11/12 output VAT at 25/12/6 %, 39 services to a business in
// another EU country (main rule), 40 other services supplied outside Sweden, 42 other sales
// (exempt domestic sales), 48 input VAT (none: the app records no purchases), 49 VAT to pay
// (negative: to get back). Amounts are declared in whole kronor, öre dropped.
import { stringify } from 'csv-stringify/sync';
import type { Tx } from '@/lib/db/transaction';
import { spreadsheetText } from '@/lib/exports/register-csv';
import type { Translate } from '@/lib/i18n/catalogue';
import { oreDecimal } from '@/lib/validation/quantities';
import { readBookkeepingSettings, type BookkeepingMethod, type Posting } from '@/lib/exports/sie/accounts';
import { ledgerVouchers } from '@/lib/exports/sie/ledger';
import type { VoucherKind } from '@/lib/exports/sie/vouchers';
import type { ReportPeriod } from './periods';

export const VAT_BOXES = ['05', '10', '11', '12', '39', '40', '42', '48', '49'] as const;
export type VatBox = (typeof VAT_BOXES)[number];

/** Where each posting lands; a Record, so a new posting does not compile until it has its box (or none). */
export const POSTING_BOX: Record<Posting, VatBox | null> = {
  sales25: '05',
  sales12: '05',
  sales6: '05',
  sales0: '42',
  salesReverseCharge: '39',
  salesOutsideEu: '40',
  vat25: '10',
  vat12: '11',
  vat6: '12',
  // Öresavrundning is neither taxable amount nor VAT; interest and fees for late payment are outside its scope.
  rounding: null,
  interest: null,
  fees: null,
};

export interface VatBoxLine {
  kind: VoucherKind;
  date: string;
  documentId: string;
  documentNumber: number;
  clientName: string;
  ore: number;
}

export interface VatReturn {
  period: ReportPeriod;
  method: BookkeepingMethod;
  /** Per box: exact öre, the whole kronor declared, and what it is made of. */
  boxes: Record<VatBox, { ore: number; kronor: number; lines: VatBoxLine[] }>;
}

const kronor = (ore: number) => Math.trunc(ore / 100);

export async function vatReturn(tx: Tx, workspaceId: string, period: ReportPeriod): Promise<VatReturn> {
  const settings = await readBookkeepingSettings(tx, workspaceId);
  const boxes = Object.fromEntries(VAT_BOXES.map((b) => [b, { ore: 0, kronor: 0, lines: [] as VatBoxLine[] }])) as VatReturn['boxes'];
  for await (const v of ledgerVouchers(tx, settings, period)) {
    const perBox = new Map<VatBox, number>();
    for (const t of v.transactions) {
      const box = t.key === 'receivable' || t.key === 'bank' ? null : POSTING_BOX[t.key];
      // Sales and VAT are credits: a credit (negative) raises the box.
      if (box) perBox.set(box, (perBox.get(box) ?? 0) - t.amountOre);
    }
    for (const [box, ore] of perBox) {
      boxes[box].ore += ore;
      boxes[box].lines.push({
        kind: v.kind,
        date: v.date,
        documentId: v.documentId,
        documentNumber: v.documentNumber,
        clientName: v.clientName,
        ore,
      });
    }
  }
  for (const b of VAT_BOXES) boxes[b].kronor = kronor(boxes[b].ore);
  boxes['49'].kronor = boxes['10'].kronor + boxes['11'].kronor + boxes['12'].kronor - boxes['48'].kronor;
  boxes['49'].ore = boxes['10'].ore + boxes['11'].ore + boxes['12'].ore - boxes['48'].ore;
  return { period, method: settings.method, boxes };
}

/** The return as CSV (UTF-8 with BOM, `;`, as the register): each box, then the vouchers behind it. */
export function vatReturnCsv(report: VatReturn, t: Translate): string {
  const rows: string[][] = [[t('reports.vat.box'), t('reports.vat.amount'), t('reports.vat.behind')]];
  for (const b of VAT_BOXES) rows.push([b, String(report.boxes[b].kronor), t(`reports.vat.boxes.${b}`)]);
  rows.push([]);
  rows.push([t('reports.vat.box'), t('reports.vat.date'), t('reports.vat.document'), t('reports.vat.client'), t('reports.vat.amount')]);
  for (const b of VAT_BOXES)
    for (const l of report.boxes[b].lines)
      rows.push([b, l.date, `${t(`reports.kinds.${l.kind}`)} ${l.documentNumber}`, spreadsheetText(l.clientName), oreDecimal(l.ore)]);
  return '\ufeff' + stringify(rows, { delimiter: ';', record_delimiter: '\r\n' });
}
