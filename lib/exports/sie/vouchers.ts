// Invoices as bookkeeping vouchers: the receivable debited with the total, sales credited per VAT
// rate with the taxable amount, output VAT credited per rate, the öresavrundning on its own
// account. Credit notes carry negative amounts, so the same rule reverses them. Each VAT
// treatment has its sales account: domestic per rate (exempt 0 % apart), services to another EU
// country (reverse charge) and services outside the EU, the last two without VAT.
import type { ExportInvoice } from '../invoices';
import type { VatTreatment } from '@/lib/invoices/vat-treatment';
import type { SieAccounts } from './accounts';

export interface Transaction {
  account: number;
  /** Öre; debit positive, credit negative. */
  amountOre: number;
}

export interface Voucher {
  series: string;
  number: number;
  date: string;
  text: string;
  transactions: Transaction[];
}

type VoucherInvoice = Pick<
  ExportInvoice,
  'kind' | 'number' | 'issueDate' | 'clientName' | 'vatTreatment' | 'vatSummary' | 'roundingOre' | 'totalOre'
>;

function salesAccount(accounts: SieAccounts, rate: number, treatment: VatTreatment): number {
  if (treatment === 'eu_reverse_charge') return accounts.salesReverseCharge;
  if (treatment === 'outside_eu') return accounts.salesOutsideEu;
  return { 25: accounts.sales25, 12: accounts.sales12, 6: accounts.sales6 }[rate] ?? accounts.sales0;
}

function vatAccount(accounts: SieAccounts, rate: number): number | undefined {
  return ({ 25: accounts.vat25, 12: accounts.vat12, 6: accounts.vat6 } as Record<number, number>)[rate];
}

export function invoiceVoucher(invoice: VoucherInvoice, accounts: SieAccounts, series = 'F'): Voucher {
  const byAccount = new Map<number, number>();
  const book = (account: number, amount: number) => byAccount.set(account, (byAccount.get(account) ?? 0) + amount);
  book(accounts.receivable, invoice.totalOre);
  for (const row of invoice.vatSummary) {
    book(salesAccount(accounts, row.vat_rate, invoice.vatTreatment), -row.taxable_ore);
    const vat = vatAccount(accounts, row.vat_rate);
    if (row.vat_ore !== 0) {
      if (vat === undefined) throw new Error(`VAT at ${row.vat_rate} % has no output VAT account`);
      book(vat, -row.vat_ore);
    }
  }
  book(accounts.rounding, -invoice.roundingOre);
  const label = invoice.kind === 'credit_note' ? 'Kreditnota' : 'Faktura';
  return {
    series,
    number: invoice.number,
    date: invoice.issueDate,
    text: `${label} ${invoice.number} ${invoice.clientName}`.trim(),
    transactions: [...byAccount].filter(([, amount]) => amount !== 0).map(([account, amountOre]) => ({ account, amountOre })),
  };
}
