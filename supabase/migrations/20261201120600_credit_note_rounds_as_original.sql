-- A credit note rounds to whole kronor exactly when the invoice it credits did, so a full credit
-- nets the original to zero öre (the rounding of a negated amount is the negated rounding). The
-- treatment sync trigger already copies the original's VAT treatment onto a new credit note;
-- it now copies round_to_krona too. Otherwise as in 20261201120100_invoice_vat_treatment.sql.

create or replace function private.invoices_vat_treatment_sync() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if new.kind = 'credit_note' then
      select coalesce(i.vat_treatment, new.vat_treatment), coalesce(i.round_to_krona, new.round_to_krona)
        into new.vat_treatment, new.round_to_krona
        from (select 1) x left join public.invoices i on i.id = new.credits_invoice_id;
    elsif new.vat_treatment = 'domestic' then
      new.vat_treatment := private.default_vat_treatment(new.client_node_id);
    end if;
  elsif old.status = 'draft' and new.status = 'draft' and new.vat_treatment = old.vat_treatment
        and new.reverse_charge is distinct from old.reverse_charge then
    new.vat_treatment := case when new.reverse_charge then 'eu_reverse_charge'
                              when old.vat_treatment = 'eu_reverse_charge' then 'domestic' else old.vat_treatment end;
  end if;
  new.reverse_charge := new.vat_treatment = 'eu_reverse_charge';
  return new;
end
$$;
