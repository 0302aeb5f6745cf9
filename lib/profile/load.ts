// The owner's profile for the profile and onboarding pages, as form values.
import { redirect } from 'next/navigation';
import { NO_ACCESS_PAGE, ownerPageContext } from '@/lib/request/context';
import { oreDecimal } from '@/lib/validation/quantities';
import { formatIban } from '@/lib/validation/identifiers';
import { getProfile, type BusinessProfile } from './queries';

export function profileFormValues(p: BusinessProfile): Record<string, string> {
  return {
    legalName: p.legalName,
    orgNumber: p.orgNumber ?? '',
    vatNumber: p.vatNumber ?? '',
    fSkatt: p.fSkatt ? 'on' : '',
    addressLine1: p.addressLine1 ?? '',
    addressLine2: p.addressLine2 ?? '',
    postalCode: p.postalCode ?? '',
    city: p.city ?? '',
    email: p.email ?? '',
    phone: p.phone ?? '',
    bankgiro: p.bankgiro ?? '',
    plusgiro: p.plusgiro ?? '',
    iban: p.iban ? formatIban(p.iban) : '',
    bic: p.bic ?? '',
    paymentTerms: String(p.paymentTerms),
    hourlyRate: p.hourlyRateOre === null ? '' : oreDecimal(p.hourlyRateOre),
  };
}

/** The signed-in owner's profile (an owner's page: anyone else is shown why not). */
export async function loadOwnProfile(): Promise<BusinessProfile> {
  const ctx = await ownerPageContext();
  const profile = await ctx.tx(async (tx, workspace) => (workspace ? getProfile(tx, workspace.id) : null));
  if (!profile) redirect(NO_ACCESS_PAGE);
  return profile;
}
