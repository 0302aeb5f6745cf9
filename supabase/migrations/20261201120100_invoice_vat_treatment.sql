-- VAT treatment per invoice (ML 2023:200), and what consultants expect on an invoice: the
-- treatment used to be one reverse_charge flag, so a Norwegian buyer got the EU text
-- "Omvänd betalningsskyldighet" and a domestic 0 % line printed no reason. Now an invoice says
-- which rule it follows (domestic; services to a business in another EU country; services to
-- a buyer outside the EU), a 0 % line on a domestic invoice names its exemption from a fixed
-- list, lines are items or discounts, and the draft carries Er/Vår referens and the choice to
-- round the amount to pay to whole kronor. reverse_charge stays, derived from the treatment.

alter table public.invoices
  add column vat_treatment text not null default 'domestic'
    constraint invoices_vat_treatment_valid check (vat_treatment in ('domestic', 'eu_reverse_charge', 'outside_eu')),
  add column buyer_reference text constraint invoices_buyer_reference_length check (char_length(buyer_reference) between 1 and 100),
  add column seller_reference text constraint invoices_seller_reference_length check (char_length(seller_reference) between 1 and 100),
  add column round_to_krona boolean not null default false,
  add column rounding_ore bigint not null default 0 constraint invoices_rounding_range check (rounding_ore between -50 and 50);
comment on column public.invoices.vat_treatment is 'domestic (Swedish VAT 25/12/6 %, 0 % only with an exemption reason per line); eu_reverse_charge (services to a business in another EU country: 0 %, both VAT numbers, "Omvänd betalningsskyldighet"); outside_eu (services to a buyer outside the EU: no Swedish VAT, the reason printed). Defaulted from the client when the draft is made.';
comment on column public.invoices.reverse_charge is 'Derived: true exactly when vat_treatment = eu_reverse_charge (kept for readers of the old flag).';
comment on column public.invoices.buyer_reference is 'Er referens: the buyer''s contact or order reference, printed on the invoice.';
comment on column public.invoices.seller_reference is 'Vår referens: the seller''s contact, printed on the invoice.';
comment on column public.invoices.round_to_krona is 'Round the amount to pay to whole kronor (öresavrundning), shown as its own row.';
comment on column public.invoices.rounding_ore is 'Öresavrundning in öre (-50..50), computed by recompute_invoice_totals; part of total_ore.';

-- Invoices sent before this migration keep what they said: the flag becomes the treatment. The
-- guard refuses every change to a sent invoice, so it is paused for this one derived column.
alter table public.invoices disable trigger invoices_guard;
update public.invoices set vat_treatment = 'eu_reverse_charge' where reverse_charge;
alter table public.invoices enable trigger invoices_guard;
alter table public.invoices add constraint invoices_reverse_charge_matches_treatment
  check (reverse_charge = (vat_treatment = 'eu_reverse_charge'));

alter table public.invoice_lines
  add column line_kind text not null default 'item' constraint invoice_lines_line_kind_valid check (line_kind in ('item', 'discount')),
  add column vat_exemption_reason text constraint invoice_lines_vat_exemption_reason_valid
    check (vat_exemption_reason in ('healthcare', 'social_care', 'education', 'financial_services', 'real_estate_letting', 'small_business')),
  add constraint invoice_lines_exemption_only_at_zero check (vat_exemption_reason is null or vat_rate = 0);
comment on column public.invoice_lines.line_kind is 'item, or discount (rabatt): a negative line at the VAT rate of what it discounts.';
comment on column public.invoice_lines.vat_exemption_reason is 'On a domestic 0 % line, why no VAT is charged: a code whose text and ML reference the invoice prints (lib/invoices/vat-treatment.ts).';

-- The treatment a new invoice gets from its client: a Swedish buyer domestic; a buyer in
-- another EU country with a VAT number reverse charge (without one, a consumer: Swedish VAT);
-- a buyer outside the EU outside_eu.
create function private.default_vat_treatment(client uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select coalesce((select case when d.country = 'SE' then 'domestic'
                                when public.is_eu_country(d.country) then
                                  case when d.vat_number is not null then 'eu_reverse_charge' else 'domestic' end
                                else 'outside_eu' end
                      from public.client_details d where d.node_id = client), 'domestic')
$$;
revoke execute on function private.default_vat_treatment(uuid) from public;

-- Keeps treatment and flag in step. Insert: a credit note follows the invoice it credits; an
-- invoice left at the default takes the client's treatment (the client's reverse_charge flag
-- no longer decides: it made a Norwegian buyer an EU one). Update of a draft: writing only the
-- old flag still works (it picks the treatment); at send the treatment decides the flag.
create function private.invoices_vat_treatment_sync() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if new.kind = 'credit_note' then
      new.vat_treatment := coalesce((select i.vat_treatment from public.invoices i where i.id = new.credits_invoice_id), new.vat_treatment);
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
create trigger invoices_vat_treatment_sync before insert or update on public.invoices
  for each row execute function private.invoices_vat_treatment_sync();
