-- No Swedish VAT is charged on an invoice for services to another EU country (reverse charge) or
-- to a buyer outside the EU, so a line added to such a draft carries 0 %, whoever adds it
-- (bill_time_entries picks 25 % unless the old reverse-charge flag is set, which a buyer outside
-- the EU no longer has). Lines already on a draft whose treatment changes keep their rate; the
-- send check names them.

create function private.invoice_lines_zero_vat_abroad() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from public.invoices i where i.id = new.invoice_id and i.vat_treatment <> 'domestic') then
    new.vat_rate := 0;
  end if;
  return new;
end
$$;
create trigger invoice_lines_zero_vat_abroad before insert on public.invoice_lines
  for each row execute function private.invoice_lines_zero_vat_abroad();
