-- TEMPORARY: dropped at merge, h1's send_invoice omits these checks.
-- private.send_invoice as in 20261122000800_invoicing_functions.sql with only the two sign
-- checks (positive_quantities, negative_quantities) removed: the send trigger
-- invoices_send_vat_checks makes them, knowing discount lines and what credit-note lines credit.

create or replace function private.send_invoice(target uuid) returns public.invoices
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  prof public.business_profiles;
  buyer public.client_details;
  missing text[] := '{}';
  reverse boolean;
  issue date;
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
  if cardinality(missing) > 0 then
    raise exception 'invoice_incomplete:%', missing[1] using errcode = '23514', hint = missing[1],
      detail = pg_catalog.array_to_string(missing, ',');
  end if;

  issue := coalesce(inv.issue_date, current_date);
  due := coalesce(inv.due_date, issue + coalesce(buyer.payment_terms_days, prof.default_payment_terms_days));
  if due < issue then
    raise exception 'invoice_incomplete:due_date' using errcode = '23514', hint = 'due_date', detail = 'due_date';
  end if;

  -- Gapless: the series row lock is held to commit, so concurrent sends queue here; a failure
  -- anywhere later rolls the increment back with everything else.
  insert into public.number_series (workspace_id, series) values (inv.workspace_id, inv.series) on conflict do nothing;
  update public.number_series s set next_number = s.next_number + 1
    where s.workspace_id = inv.workspace_id and s.series = inv.series
    returning s.next_number - 1 into n;

  perform private.recompute_invoice_totals(inv.id);
  update public.invoices i set
      status = 'sent', number = n, ocr_reference = n::text || private.luhn_check_digit(n::text),
      issue_date = issue, due_date = due, reverse_charge = reverse, sent_at = pg_catalog.now(),
      seller_snapshot = pg_catalog.to_jsonb(prof) - array['workspace_id', 'updated_at', 'default_hourly_rate_ore',
        'default_payment_terms_days', 'fiscal_year_start_month'],
      buyer_snapshot = pg_catalog.to_jsonb(buyer) - array['workspace_id', 'updated_at', 'default_hourly_rate_ore']
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
