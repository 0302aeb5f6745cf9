-- Partial credit notes add up to the original to the öre (issue 12). Each credit note rounded its
-- own VAT per rate and its own öresavrundning, so two to five partial notes could credit one öre
-- more (the last one refused by "credit notes within original") or less (one öre left that no
-- note could credit) than the invoice. Now a credit note rounds cumulatively, from the figures
-- the sent credit notes of the same original carry (what their PDFs show):
--   VAT per rate = round((credited before + this note's net) × rate) − VAT credited before;
--   total (öresavrundning on) = whole kronor of (credited before + this note's net + VAT)
--                               − total credited before.
-- The sums telescope: once every line is credited they equal the original's VAT per rate and its
-- total exactly, and they never pass them (rounding is monotonic). A note's öresavrundning can
-- then be up to ±99 öre (it also evens out the earlier notes' roundings). The original's row is
-- locked first so concurrent credit notes compute one after the other; send_invoice()
-- recomputes the totals before it sends, so a draft computed before another note was sent is
-- brought up to date. Invoices compute as in 20261201120200_invoice_totals_rounding.sql.

alter table public.invoices drop constraint invoices_rounding_range;
alter table public.invoices add constraint invoices_rounding_range
  check (rounding_ore between -50 and 50 or (kind = 'credit_note' and rounding_ore between -99 and 99));
comment on column public.invoices.rounding_ore is 'Öresavrundning in öre, computed by recompute_invoice_totals; part of total_ore. -50..50 on an invoice; on a credit note what brings the credited total to whole kronor of everything credited so far (-99..99).';

create or replace function private.recompute_invoice_totals(target uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  summary jsonb;
  net bigint;
  vat bigint;
  rounding bigint;
  before_amount bigint := 0;
  before_total bigint := 0;
begin
  select * into inv from public.invoices i where i.id = target;
  if not found or inv.status <> 'draft' then
    return;
  end if;
  if inv.kind = 'credit_note' and inv.credits_invoice_id is not null then
    perform 1 from public.invoices o where o.id = inv.credits_invoice_id for update;
  end if;

  with mine as (
    select l.vat_rate, sum(l.amount_ore)::bigint as taxable_ore
      from public.invoice_lines l where l.invoice_id = target group by l.vat_rate
  ), before as (
    -- What the sent credit notes of the same original credited per rate, as they show it.
    select (s ->> 'vat_rate')::integer as vat_rate, sum((s ->> 'taxable_ore')::bigint) as taxable_ore,
           sum((s ->> 'vat_ore')::bigint) as vat_ore
      from public.invoices c cross join lateral pg_catalog.jsonb_array_elements(c.vat_summary) s
     where inv.kind = 'credit_note' and c.credits_invoice_id = inv.credits_invoice_id
       and c.status <> 'draft' and c.id <> target
     group by 1
  ), rows as (
    select m.vat_rate, m.taxable_ore,
           (round((m.taxable_ore + coalesce(b.taxable_ore, 0)) * m.vat_rate / 100.0) - coalesce(b.vat_ore, 0))::bigint as vat_ore
      from mine m left join before b on b.vat_rate = m.vat_rate
  )
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('vat_rate', r.vat_rate, 'taxable_ore', r.taxable_ore,
           'vat_ore', r.vat_ore) order by r.vat_rate desc), '[]'),
         coalesce(sum(r.taxable_ore), 0), coalesce(sum(r.vat_ore), 0)
    into summary, net, vat
    from rows r;

  if inv.kind = 'credit_note' then
    select coalesce(sum(c.net_ore + c.vat_ore), 0), coalesce(sum(c.total_ore), 0) into before_amount, before_total
      from public.invoices c
     where c.credits_invoice_id = inv.credits_invoice_id and c.status <> 'draft' and c.id <> target;
  end if;
  -- Whole kronor of everything credited so far, less what the earlier notes' totals already say.
  rounding := case when inv.round_to_krona
                   then before_amount + net + vat + private.krona_rounding_ore(before_amount + net + vat) - before_total - net - vat
                   else 0 end;
  update public.invoices i set vat_summary = summary, net_ore = net, vat_ore = vat, rounding_ore = rounding,
      total_ore = net + vat + rounding
    where i.id = target
      and (i.vat_summary, i.net_ore, i.vat_ore, i.rounding_ore, i.total_ore) is distinct from (summary, net, vat, rounding, net + vat + rounding);
end
$$;
comment on function private.recompute_invoice_totals(uuid) is 'Recomputes a draft''s VAT summary, net, VAT, öresavrundning and total from its lines; a credit note rounds cumulatively with the sent credit notes of its original, so all of them together equal the original to the öre.';
