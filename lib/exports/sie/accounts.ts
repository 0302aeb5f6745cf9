// Which accounts the SIE export books on and how: BAS defaults, overridden per workspace
// (sie_accounts), and the workspace's bookkeeping settings (method, VAT period, voucher series,
// fiscal year). The one place where a VAT treatment and rate become a posting.
import type { Tx } from '@/lib/db/transaction';
import type { VatTreatment } from '@/lib/invoices/vat-treatment';

export interface SieAccounts {
  receivable: number;
  bank: number;
  sales25: number;
  sales12: number;
  sales6: number;
  sales0: number;
  salesReverseCharge: number;
  salesOutsideEu: number;
  vat25: number;
  vat12: number;
  vat6: number;
  rounding: number;
  interest: number;
  fees: number;
}

/** What a sale books on besides the receivable and the bank: sales, output VAT, öresavrundning. */
export type Posting = Exclude<keyof SieAccounts, 'receivable' | 'bank'>;

/**
 * BAS: 1510 kundfordringar, 1930 företagskonto (1920 plusgiro), 3001/3002/3003 domestic sales per
 * VAT rate, 3004 exempt domestic sales, 3308 services to another EU country, 3305 services outside
 * the EU, 26x1 output VAT, 3740 öres- och kronutjämning, 8313 late-payment interest, 3930 reminder
 * fees and förseningsersättning (see CHARGE_POSTING).
 */
export const BAS_DEFAULTS: SieAccounts = {
  receivable: 1510,
  bank: 1930,
  sales25: 3001,
  sales12: 3002,
  sales6: 3003,
  sales0: 3004,
  salesReverseCharge: 3308,
  salesOutsideEu: 3305,
  vat25: 2611,
  vat12: 2621,
  vat6: 2631,
  rounding: 3740,
  interest: 8313,
  fees: 3930,
};

/** The account names written in #KONTO (Swedish, as in BAS). */
export const ACCOUNT_NAMES: Record<keyof SieAccounts, string> = {
  receivable: 'Kundfordringar',
  bank: 'Företagskonto',
  sales25: 'Försäljning inom Sverige, 25 % moms',
  sales12: 'Försäljning inom Sverige, 12 % moms',
  sales6: 'Försäljning inom Sverige, 6 % moms',
  sales0: 'Försäljning inom Sverige, momsfri',
  salesReverseCharge: 'Försäljning tjänster till annat EU-land',
  salesOutsideEu: 'Försäljning tjänster utanför EU',
  vat25: 'Utgående moms försäljning inom Sverige, 25 %',
  vat12: 'Utgående moms försäljning inom Sverige, 12 %',
  vat6: 'Utgående moms försäljning inom Sverige, 6 %',
  rounding: 'Öres- och kronutjämning',
  interest: 'Ränteintäkter från kortfristiga fordringar',
  fees: 'Påminnelseavgifter och förseningsersättning',
};
/** BAS names 1920 plusgiro; any other bank account keeps the generic name. */
export const accountName = (key: keyof SieAccounts, account: number) =>
  key === 'bank' && account === 1920 ? 'PlusGiro' : ACCOUNT_NAMES[key];

export const ACCOUNT_KEYS = Object.keys(BAS_DEFAULTS) as (keyof SieAccounts)[];

const DOMESTIC_SALES: Record<number, Posting> = { 25: 'sales25', 12: 'sales12', 6: 'sales6' };
const OUTPUT_VAT: Record<number, Posting> = { 25: 'vat25', 12: 'vat12', 6: 'vat6' };

/**
 * Per VAT treatment: the sales posting of a VAT rate, and whether the sale is booked when invoiced
 * even under kontantmetoden (EU sales are reported in the period of the supply, as box 39 and the
 * periodisk sammanställning require, whatever the method). A Record, so a new treatment does not
 * compile until it is mapped here.
 */
export const TREATMENT_BOOKING: Record<VatTreatment, { sales: (rate: number) => Posting; bookedWhenInvoiced: boolean }> = {
  domestic: { sales: (rate) => DOMESTIC_SALES[rate] ?? 'sales0', bookedWhenInvoiced: false },
  eu_reverse_charge: { sales: () => 'salesReverseCharge', bookedWhenInvoiced: true },
  outside_eu: { sales: () => 'salesOutsideEu', bookedWhenInvoiced: false },
};

/** The output VAT posting of a rate; a rate with VAT but no account is a programming error. */
export function outputVat(rate: number): Posting {
  const posting = OUTPUT_VAT[rate];
  if (!posting) throw new Error(`VAT at ${rate} % has no output VAT account`);
  return posting;
}

export const BOOKKEEPING_METHODS = ['invoice', 'cash'] as const;
export type BookkeepingMethod = (typeof BOOKKEEPING_METHODS)[number];
export const VAT_PERIODS = ['month', 'quarter', 'year'] as const;
export type VatPeriod = (typeof VAT_PERIODS)[number];

export interface BookkeepingSettings {
  accounts: SieAccounts;
  series: string;
  method: BookkeepingMethod;
  vatPeriod: VatPeriod;
  fiscalYearStartMonth: number;
}

export const SETTINGS_DEFAULTS = { series: 'X', method: 'invoice', vatPeriod: 'quarter' } as const;

/** The workspace's settings as the reader may see them (owner and accountant alike). */
export async function readBookkeepingSettings(tx: Tx, workspaceId: string): Promise<BookkeepingSettings> {
  const { rows } = await tx.query(
    `select receivable, bank, sales_25 as "sales25", sales_12 as "sales12", sales_6 as "sales6", sales_0 as "sales0",
            sales_reverse_charge as "salesReverseCharge", sales_outside_eu as "salesOutsideEu", vat_25 as "vat25",
            vat_12 as "vat12", vat_6 as "vat6", rounding, interest, fees, voucher_series as series, bookkeeping_method as method, vat_period as "vatPeriod"
       from public.sie_accounts where workspace_id = $1`,
    [workspaceId],
  );
  const month = await tx.query<{ month: number | null }>(`select public.fiscal_year_start_month($1) as month`, [workspaceId]);
  const row = rows[0] as (SieAccounts & Pick<BookkeepingSettings, 'series' | 'method' | 'vatPeriod'>) | undefined;
  const accounts = row ? (Object.fromEntries(ACCOUNT_KEYS.map((k) => [k, row[k]])) as unknown as SieAccounts) : BAS_DEFAULTS;
  return {
    accounts,
    series: row?.series ?? SETTINGS_DEFAULTS.series,
    method: row?.method ?? SETTINGS_DEFAULTS.method,
    vatPeriod: row?.vatPeriod ?? SETTINGS_DEFAULTS.vatPeriod,
    fiscalYearStartMonth: month.rows[0]?.month ?? 1,
  };
}

/**
 * Charges for late payment on a räntefaktura (invoice_lines.line_kind; issue 19) are outside the
 * scope of VAT and not sales: dröjsmålsränta on the interest account, påminnelseavgifter and
 * förseningsersättning on the fees account. A Record, so a new charge kind does not compile until
 * it is mapped here.
 */
export const CHARGE_KINDS = ['late_interest', 'reminder_fee', 'late_compensation'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];
export const CHARGE_POSTING: Record<ChargeKind, Posting> = { late_interest: 'interest', reminder_fee: 'fees', late_compensation: 'fees' };
