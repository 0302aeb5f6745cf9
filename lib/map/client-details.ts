// SQL for a client node's invoicing details (1:1 with the node).
import type { Tx } from '@/lib/db/transaction';
import { oreDecimal } from '@/lib/validation/quantities';
import type { ClientDetailsForm, ClientDetailsInput } from './client-details-schema';

/** The details as the form shows them; null when the node is not one of the user's clients. */
export async function getClientDetailsForm(tx: Tx, nodeId: string): Promise<ClientDetailsForm | null> {
  const { rows } = await tx.query(
    `select n.title, d.name, d.org_number, d.vat_number, d.address_line1, d.address_line2, d.postal_code, d.city,
            d.country, d.email, d.reverse_charge, d.payment_terms_days, d.default_hourly_rate_ore,
            d.reminder_fee_ore, d.late_interest_bp, d.consumer
       from public.nodes n left join public.client_details d on d.node_id = n.id
      where n.id = $1 and n.kind = 'client'`,
    [nodeId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    name: r.name ?? r.title,
    orgNumber: r.org_number ?? '',
    vatNumber: r.vat_number ?? '',
    addressLine1: r.address_line1 ?? '',
    addressLine2: r.address_line2 ?? '',
    postalCode: r.postal_code ?? '',
    city: r.city ?? '',
    country: r.country ?? 'SE',
    email: r.email ?? '',
    reverseCharge: r.reverse_charge ? 'on' : '',
    paymentTerms: r.payment_terms_days === null || r.payment_terms_days === undefined ? '' : String(r.payment_terms_days),
    hourlyRate:
      r.default_hourly_rate_ore === null || r.default_hourly_rate_ore === undefined ? '' : oreDecimal(Number(r.default_hourly_rate_ore)),
    reminderFee: r.reminder_fee_ore === null || r.reminder_fee_ore === undefined ? '' : oreDecimal(Number(r.reminder_fee_ore)),
    lateInterest: r.late_interest_bp === null || r.late_interest_bp === undefined ? '' : oreDecimal(Number(r.late_interest_bp)),
    consumer: r.consumer ? 'on' : '',
  };
}

/** Inserts or updates the details; false when the node is not one of the user's clients. */
export async function saveClientDetails(tx: Tx, input: ClientDetailsInput): Promise<boolean> {
  const { rows } = await tx.query<{ workspace_id: string }>(`select workspace_id from public.nodes where id = $1 and kind = 'client'`, [
    input.nodeId,
  ]);
  if (!rows[0]) return false;
  await tx.query(
    `insert into public.client_details (node_id, workspace_id, name, org_number, vat_number, address_line1, address_line2,
        postal_code, city, country, email, reverse_charge, payment_terms_days, default_hourly_rate_ore, reminder_fee_ore,
        late_interest_bp, consumer)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     on conflict (node_id) do update set name = excluded.name, org_number = excluded.org_number,
       vat_number = excluded.vat_number, address_line1 = excluded.address_line1, address_line2 = excluded.address_line2,
       postal_code = excluded.postal_code, city = excluded.city, country = excluded.country, email = excluded.email,
       reverse_charge = excluded.reverse_charge, payment_terms_days = excluded.payment_terms_days,
       default_hourly_rate_ore = excluded.default_hourly_rate_ore, reminder_fee_ore = excluded.reminder_fee_ore,
       late_interest_bp = excluded.late_interest_bp, consumer = excluded.consumer`,
    [
      input.nodeId,
      rows[0].workspace_id,
      input.name,
      input.orgNumber,
      input.vatNumber,
      input.addressLine1,
      input.addressLine2,
      input.postalCode,
      input.city,
      input.country,
      input.email,
      input.reverseCharge,
      input.paymentTerms,
      input.hourlyRate,
      input.reminderFee,
      input.lateInterest,
      input.consumer,
    ],
  );
  return true;
}
