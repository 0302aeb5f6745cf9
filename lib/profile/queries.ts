// Reads and writes of the business profile, in the caller's transaction (RLS: owner only).
import type { Tx } from '@/lib/db/transaction';
import type { ProfileInput } from './schema';

export interface BusinessProfile {
  workspaceId: string;
  legalName: string;
  orgNumber: string | null;
  vatNumber: string | null;
  fSkatt: boolean;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  email: string | null;
  phone: string | null;
  bankgiro: string | null;
  plusgiro: string | null;
  iban: string | null;
  bic: string | null;
  logoPath: string | null;
  paymentTerms: number;
  hourlyRateOre: number | null;
  onboardingDone: boolean;
}

export async function getProfile(tx: Tx, workspaceId: string): Promise<BusinessProfile | null> {
  const { rows } = await tx.query(
    `select workspace_id as "workspaceId", legal_name as "legalName", org_number as "orgNumber", vat_number as "vatNumber",
            f_skatt as "fSkatt", address_line1 as "addressLine1", address_line2 as "addressLine2", postal_code as "postalCode",
            city, email, phone, bankgiro, plusgiro, iban, bic, logo_path as "logoPath",
            default_payment_terms_days as "paymentTerms", default_hourly_rate_ore::float8 as "hourlyRateOre",
            onboarding_done_at is not null as "onboardingDone"
       from public.business_profiles where workspace_id = $1`,
    [workspaceId],
  );
  return (rows[0] as BusinessProfile | undefined) ?? null;
}

export async function updateProfile(tx: Tx, workspaceId: string, input: ProfileInput): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update public.business_profiles set legal_name = $2, org_number = $3, vat_number = $4, f_skatt = $5,
            address_line1 = $6, address_line2 = $7, postal_code = $8, city = $9, email = $10, phone = $11,
            bankgiro = $12, plusgiro = $13, iban = $14, bic = $15, default_payment_terms_days = $16,
            default_hourly_rate_ore = $17,
            onboarding_done_at = case when $18 then coalesce(onboarding_done_at, now()) else onboarding_done_at end
      where workspace_id = $1`,
    [
      workspaceId,
      input.legalName,
      input.orgNumber,
      input.vatNumber,
      input.fSkatt,
      input.addressLine1,
      input.addressLine2,
      input.postalCode,
      input.city,
      input.email,
      input.phone,
      input.bankgiro,
      input.plusgiro,
      input.iban,
      input.bic,
      input.paymentTerms,
      input.hourlyRate,
      input.onboarding,
    ],
  );
  return rowCount === 1;
}

export async function markOnboardingDone(tx: Tx, workspaceId: string): Promise<void> {
  await tx.query(`update public.business_profiles set onboarding_done_at = coalesce(onboarding_done_at, now()) where workspace_id = $1`, [
    workspaceId,
  ]);
}

export async function setLogoPath(tx: Tx, workspaceId: string, path: string | null): Promise<string | null> {
  const { rows } = await tx.query<{ old: string | null }>(
    `update public.business_profiles p set logo_path = $2 from public.business_profiles o
      where p.workspace_id = $1 and o.workspace_id = p.workspace_id returning o.logo_path as old`,
    [workspaceId, path],
  );
  if (rows.length === 0) throw new Error('profile not found');
  return rows[0].old;
}
