-- Öresavrundning: an invoice may round the amount to pay to whole kronor. The rounding is its
-- own amount (rounding_ore, -50..50 öre, half away from zero), so the amount to pay is net +
-- VAT + rounding and the VAT stays exactly what the lines give. Discount lines need nothing
-- here: a negative line lowers its VAT rate's taxable amount like any other line.

alter table public.invoices drop constraint invoices_total_sum;
alter table public.invoices add constraint invoices_total_sum check (total_ore = net_ore + vat_ore + rounding_ore);
comment on column public.invoices.total_ore is 'Amount to pay incl. VAT and öresavrundning, öre (negative on credit notes): net_ore + vat_ore + rounding_ore.';

-- What whole-krona rounding adds to an amount in öre (half away from zero, as numeric round does).
create function private.krona_rounding_ore(amount bigint) returns bigint
language sql immutable strict set search_path = ''
as $$ select (pg_catalog.round(amount / 100.0) * 100)::bigint - amount $$;
revoke execute on function private.krona_rounding_ore(bigint) from public;

create or replace function private.recompute_invoice_totals(target uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  summary jsonb;
  net bigint;
  vat bigint;
  rounding bigint;
begin
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('vat_rate', s.vat_rate, 'taxable_ore', s.taxable_ore,
           'vat_ore', s.vat_ore) order by s.vat_rate desc), '[]'),
         coalesce(sum(s.taxable_ore), 0), coalesce(sum(s.vat_ore), 0)
    into summary, net, vat
    from (select l.vat_rate, sum(l.amount_ore)::bigint as taxable_ore,
                 round(sum(l.amount_ore) * l.vat_rate / 100.0)::bigint as vat_ore
            from public.invoice_lines l where l.invoice_id = target group by l.vat_rate) s;
  select case when i.round_to_krona then private.krona_rounding_ore(net + vat) else 0 end into rounding
    from public.invoices i where i.id = target;
  update public.invoices i set vat_summary = summary, net_ore = net, vat_ore = vat, rounding_ore = rounding,
      total_ore = net + vat + rounding
    where i.id = target and i.status = 'draft'
      and (i.vat_summary, i.net_ore, i.vat_ore, i.rounding_ore, i.total_ore) is distinct from (summary, net, vat, rounding, net + vat + rounding);
end
$$;

-- Turning rounding on or off on a draft recomputes its totals at once (lists show the amount).
create function private.invoices_rounding_recompute() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.recompute_invoice_totals(new.id);
  return null;
end
$$;
create trigger invoices_rounding_recompute after update of round_to_krona on public.invoices
  for each row when (old.round_to_krona is distinct from new.round_to_krona and new.status = 'draft')
  execute function private.invoices_rounding_recompute();
