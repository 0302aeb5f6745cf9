-- private.send_invoice, unchanged in what it does, with the keys it strips from the seller and
-- buyer snapshots written as text[] literals. `jsonb - array['…']` left the array's type to be
-- inferred from the operator, which `supabase db lint` (plpgsql_check) on hosted Supabase reports
-- as a hidden text → text[] cast (issue 14); the linter must report nothing.

create or replace function private.send_invoice(target uuid) returns public.invoices
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  prof public.business_profiles;
  buyer public.client_details;
  missing text[] := '{}'::text[];
  reverse boolean;
  issue date := private.stockholm_today();
  latest date;
  due date;
  n bigint;
  line_count integer;
  original public.invoices;
  credited_total bigint;
begin
  inv := private.lock_owned_invoice(target);
  if inv.status <> 'draft' then
    raise exception 'invoice_not_draft' using errcode = '55000';
  end if;
  select * into prof from public.business_profiles p where p.workspace_id = inv.workspace_id;
  select * into buyer from public.client_details c where c.node_id = inv.client_node_id;
  select count(*) into line_count from public.invoice_lines l where l.invoice_id = inv.id;
  reverse := inv.reverse_charge or coalesce(buyer.reverse_charge, false);
  latest := (issue + interval '1 year')::date;
  due := case when inv.issue_date is null and inv.due_date is not null then inv.due_date
              else issue + coalesce(inv.due_date - inv.issue_date, buyer.payment_terms_days, prof.default_payment_terms_days) end;

  -- ML 2023:200 ch. 17 and payment details; one stable code per missing field.
  if coalesce(prof.legal_name, '') = '' then missing := pg_catalog.array_append(missing, 'seller_legal_name'); end if;
  if prof.org_number is null then missing := pg_catalog.array_append(missing, 'seller_org_number'); end if;
  if prof.vat_number is null then missing := pg_catalog.array_append(missing, 'seller_vat_number'); end if;
  if coalesce(prof.address_line1, '') = '' or coalesce(prof.postal_code, '') = '' or coalesce(prof.city, '') = '' then
    missing := pg_catalog.array_append(missing, 'seller_address');
  end if;
  if prof.bankgiro is null and prof.plusgiro is null and prof.iban is null then missing := pg_catalog.array_append(missing, 'seller_payment_details'); end if;
  if buyer.node_id is null then
    missing := pg_catalog.array_append(missing, 'buyer_details');
  else
    if coalesce(buyer.address_line1, '') = '' or coalesce(buyer.city, '') = '' then missing := pg_catalog.array_append(missing, 'buyer_address'); end if;
    if (reverse or buyer.country <> 'SE') and buyer.vat_number is null then missing := pg_catalog.array_append(missing, 'buyer_vat_number'); end if;
  end if;
  if line_count = 0 then missing := pg_catalog.array_append(missing, 'lines'); end if;
  if reverse and exists (select 1 from public.invoice_lines l where l.invoice_id = inv.id and l.vat_rate <> 0) then
    missing := pg_catalog.array_append(missing, 'reverse_charge_zero_vat');
  end if;
  if exists (select 1 from public.invoice_lines l where l.invoice_id = inv.id and not private.line_matches_hours(l.id)) then
    missing := pg_catalog.array_append(missing, 'lines_match_hours');
  end if;
  if inv.supply_date > latest then missing := pg_catalog.array_append(missing, 'supply_date'); end if;
  if inv.period_start > latest or inv.period_end > latest then missing := pg_catalog.array_append(missing, 'period'); end if;
  if due < issue then missing := pg_catalog.array_append(missing, 'due_date'); end if;
  if cardinality(missing) > 0 then
    raise exception 'invoice_incomplete:%', missing[1] using errcode = '23514', hint = missing[1],
      detail = pg_catalog.array_to_string(missing, ',');
  end if;

  -- Gapless: the series row lock is held to commit, so concurrent sends queue here; a failure
  -- anywhere later rolls the increment back with everything else.
  insert into public.number_series (workspace_id, series) values (inv.workspace_id, inv.series) on conflict do nothing;
  update public.number_series s set next_number = s.next_number + 1
    where s.workspace_id = inv.workspace_id and s.series = inv.series
    returning s.next_number - 1 into n;
  -- Under that lock: no earlier number of the series carries a later issue date.
  if exists (select 1 from public.invoices i where i.workspace_id = inv.workspace_id and i.series = inv.series
               and i.number < n and i.issue_date > issue) then
    raise exception 'invoice_series_out_of_order' using errcode = '23514',
      detail = 'An earlier number of this series has a later issue date; numbers and issue dates ascend together.';
  end if;

  perform private.recompute_invoice_totals(inv.id);
  update public.invoices i set
      status = 'sent', number = n, ocr_reference = n::text || private.luhn_check_digit(n::text),
      issue_date = issue, due_date = due, reverse_charge = reverse, sent_at = pg_catalog.now(),
      seller_snapshot = pg_catalog.to_jsonb(prof)
        - '{workspace_id,updated_at,default_hourly_rate_ore,default_payment_terms_days,fiscal_year_start_month}'::text[],
      buyer_snapshot = pg_catalog.to_jsonb(buyer) - '{workspace_id,updated_at,default_hourly_rate_ore}'::text[]
    where i.id = inv.id
    returning * into inv;
  insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
    values (inv.workspace_id, inv.id, 'sent', auth.uid(), pg_catalog.jsonb_build_object('number', n));

  -- A credit note: the original shows as credited once sent credit notes cover its total.
  if inv.kind = 'credit_note' then
    select * into original from public.invoices i where i.id = inv.credits_invoice_id for update;
    select coalesce(sum(i.total_ore), 0) into credited_total from public.invoices i
      where i.credits_invoice_id = original.id and i.status <> 'draft';
    if original.status in ('sent', 'paid') and original.total_ore + credited_total <= 0 then
      update public.invoices i set status = 'credited' where i.id = original.id;
      insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
        values (original.workspace_id, original.id, 'credited', auth.uid(), pg_catalog.jsonb_build_object('credit_note_id', inv.id));
    end if;
  end if;
  return inv;
end
$$;
