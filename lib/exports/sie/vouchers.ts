// Invoices as bookkeeping vouchers: the receivable debited with the total, sales credited per VAT
// rate with the taxable amount, output VAT credited per rate. Credit notes carry negative amounts,
// so the same rule reverses them. Reverse-charge sales go to their own account, without VAT.
import type { ExportInvoice } from '../invoices';
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

type VoucherInvoice = Pick<ExportInvoice, 'kind' | 'number' | 'issueDate' | 'clientName' | 'reverseCharge' | 'vatSummary' | 'totalOre'>;

function salesAccount(accounts: SieAccounts, rate: number, reverseCharge: boolean): number {
  if (reverseCharge) return accounts.salesReverseCharge;
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
    book(salesAccount(accounts, row.vat_rate, invoice.reverseCharge), -row.taxable_ore);
    const vat = vatAccount(accounts, row.vat_rate);
    if (row.vat_ore !== 0) {
      if (vat === undefined) throw new Error(`VAT at ${row.vat_rate} % has no output VAT account`);
      book(vat, -row.vat_ore);
    }
  }
  const label = invoice.kind === 'credit_note' ? 'Kreditnota' : 'Faktura';
  return {
    series,
    number: invoice.number,
    date: invoice.issueDate,
    text: `${label} ${invoice.number} ${invoice.clientName}`.trim(),
    transactions: [...byAccount].filter(([, amount]) => amount !== 0).map(([account, amountOre]) => ({ account, amountOre })),
  };
}
