// Which accounts the SIE export books on: BAS defaults, overridden per workspace (sie_accounts).
import type { Tx } from '@/lib/db/transaction';

export interface SieAccounts {
  receivable: number;
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
}

/**
 * BAS: 1510 kundfordringar, 3001/3002/3003 domestic sales per VAT rate, 3004 exempt domestic
 * sales, 3308 services to another EU country, 3305 services outside the EU, 26x1 output VAT,
 * 3740 öres- och kronutjämning.
 */
export const BAS_DEFAULTS: SieAccounts = {
  receivable: 1510,
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
};

/** The account names written in #KONTO (Swedish, as in BAS). */
export const ACCOUNT_NAMES: Record<keyof SieAccounts, string> = {
  receivable: 'Kundfordringar',
  sales25: 'Försäljning inom Sverige, 25 % moms',
  sales12: 'Försäljning inom Sverige, 12 % moms',
  sales6: 'Försäljning inom Sverige, 6 % moms',
  sales0: 'Försäljning inom Sverige, momsfri',
  salesReverseCharge: 'Försäljning tjänster till annat EU-land, omvänd skattskyldighet',
  salesOutsideEu: 'Försäljning tjänster till land utanför EU',
  vat25: 'Utgående moms på försäljning inom Sverige, 25 %',
  vat12: 'Utgående moms på försäljning inom Sverige, 12 %',
  vat6: 'Utgående moms på försäljning inom Sverige, 6 %',
  rounding: 'Öres- och kronutjämning',
};

export const ACCOUNT_KEYS = Object.keys(BAS_DEFAULTS) as (keyof SieAccounts)[];

export async function readSieAccounts(tx: Tx, workspaceId: string): Promise<SieAccounts> {
  const { rows } = await tx.query(
    `select receivable, sales_25 as "sales25", sales_12 as "sales12", sales_6 as "sales6", sales_0 as "sales0",
            sales_reverse_charge as "salesReverseCharge", sales_outside_eu as "salesOutsideEu", vat_25 as "vat25",
            vat_12 as "vat12", vat_6 as "vat6", rounding
       from public.sie_accounts where workspace_id = $1`,
    [workspaceId],
  );
  return (rows[0] as SieAccounts | undefined) ?? BAS_DEFAULTS;
}

/**
 * Charges for late payment on a räntefaktura (invoice_lines.line_kind; issue 19), outside the
 * scope of VAT: BAS 8313 ränteintäkter från kortfristiga fordringar for dröjsmålsränta; reminder
 * fees and förseningsersättning on 3930 (påminnelseavgifter, set up under 39xx övriga rörelseintäkter).
 */
export const CHARGE_ACCOUNTS = { late_interest: 8313, reminder_fee: 3930, late_compensation: 3930 } as const;
