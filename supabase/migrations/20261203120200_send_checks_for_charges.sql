-- A räntefaktura passes the send checks (issue 19, item 2): its charge lines (late_interest,
-- reminder_fee, late_compensation) are positive like items and, being outside the scope of VAT,
-- carry 0 % without an exemption reason (so do the lines of a credit note crediting them); an invoice holds either charges or ordinary lines
-- ('charges_only'), so a räntefaktura never mixes with sales. Otherwise the checks of
-- 20261201120300 unchanged.

create or replace function private.invoices_send_vat_checks() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  missing text[] := '{}'::text[];
  buyer_country text := coalesce(new.buyer_snapshot ->> 'country', 'SE');
  buyer_vat text := nullif(new.buyer_snapshot ->> 'vat_number', '');
  credit boolean := new.kind = 'credit_note';
begin
  -- A credit-note line credits an invoice line and has the opposite sign; its kind is the
  -- credited line's when it names one.
  if exists (select 1 from public.invoice_lines l left join public.invoice_lines o on o.id = l.credits_line_id
              where l.invoice_id = new.id
                and ((coalesce(o.line_kind, l.line_kind) <> 'discount') = (l.quantity > 0)) = credit) then
    missing := pg_catalog.array_append(missing, case when credit then 'negative_quantities' else 'positive_quantities' end);
  end if;
  if not credit and exists (select 1 from public.invoice_lines l where l.invoice_id = new.id
                              group by l.vat_rate having sum(l.amount_ore) < 0) then
    missing := pg_catalog.array_append(missing, 'discount_exceeds_lines');
  end if;

  if exists (select 1 from public.invoice_lines l where l.invoice_id = new.id and l.charge_for_invoice_id is not null)
     and exists (select 1 from public.invoice_lines l where l.invoice_id = new.id and l.charge_for_invoice_id is null) then
    missing := pg_catalog.array_append(missing, 'charges_only');
  end if;

  if new.vat_treatment = 'domestic' then
    if exists (select 1 from public.invoice_lines l left join public.invoice_lines o on o.id = l.credits_line_id
                where l.invoice_id = new.id and l.vat_rate = 0 and l.vat_exemption_reason is null
                  and coalesce(o.charge_for_invoice_id, l.charge_for_invoice_id) is null) then
      missing := pg_catalog.array_append(missing, 'vat_exemption_reason');
    end if;
  else
    if exists (select 1 from public.invoice_lines l where l.invoice_id = new.id and l.vat_exemption_reason is not null) then
      missing := pg_catalog.array_append(missing, 'vat_exemption_reason_not_domestic');
    end if;
    if exists (select 1 from public.invoice_lines l where l.invoice_id = new.id and l.vat_rate <> 0) then
      missing := pg_catalog.array_append(missing,
        case when new.vat_treatment = 'eu_reverse_charge' then 'reverse_charge_zero_vat' else 'outside_eu_zero_vat' end);
    end if;
  end if;

  if new.vat_treatment = 'eu_reverse_charge' then
    if buyer_country = 'SE' or not public.is_eu_country(buyer_country) then
      missing := pg_catalog.array_append(missing, 'eu_buyer_country');
    elsif buyer_vat is null then
      missing := pg_catalog.array_append(missing, 'buyer_vat_number');
    elsif not public.is_valid_eu_vat_number(buyer_vat, buyer_country) then
      missing := pg_catalog.array_append(missing, 'buyer_vat_number_format');
    end if;
    if nullif(new.seller_snapshot ->> 'vat_number', '') is null then
      missing := pg_catalog.array_append(missing, 'seller_vat_number');
    end if;
  elsif new.vat_treatment = 'outside_eu' and public.is_eu_country(buyer_country) then
    missing := pg_catalog.array_append(missing, 'outside_eu_buyer_country');
  end if;

  if cardinality(missing) > 0 then
    raise exception 'invoice_incomplete:%', missing[1] using errcode = '23514', hint = missing[1],
      detail = pg_catalog.array_to_string(missing, ',');
  end if;
  return new;
end
$$;
