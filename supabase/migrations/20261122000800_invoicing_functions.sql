-- The invoicing operations the app calls as `authenticated`: send, mark paid, credit, record the
-- archived PDF. Each public function is a security-invoker wrapper (nothing security definer in
-- an exposed schema); the work is done by a private security-definer function that checks
-- ownership explicitly (private.my_owned_workspaces(), which honours the active workspace) and
-- has a pinned search_path. Errors carry stable codes in the message, e.g.
-- `invoice_incomplete:buyer_vat_number` (errcode 23514, detail lists every missing field).

create function private.luhn_check_digit(digits text) returns text
language sql immutable strict set search_path = ''
as $$
  select d::text from pg_catalog.generate_series(0, 9) d where public.luhn_valid(digits || d::text) limit 1
$$;

create function private.lock_owned_invoice(target uuid) returns public.invoices
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
begin
  select * into inv from public.invoices i where i.id = target for update;
  if not found or inv.workspace_id not in (select private.my_owned_workspaces()) then
    raise exception 'invoice_not_found' using errcode = 'P0002';
  end if;
  return inv;
end
$$;

create function private.send_invoice(target uuid) returns public.invoices
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
  if inv.kind = 'invoice' and exists (select 1 from public.invoice_lines l where l.invoice_id = inv.id and l.quantity < 0) then
    missing := pg_catalog.array_append(missing, 'positive_quantities');
  end if;
  if inv.kind = 'credit_note' and exists (select 1 from public.invoice_lines l where l.invoice_id = inv.id and l.quantity > 0) then
    missing := pg_catalog.array_append(missing, 'negative_quantities');
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

create function private.mark_invoice_paid(target uuid, paid date) returns public.invoices
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
begin
  inv := private.lock_owned_invoice(target);
  if inv.status <> 'sent' then
    raise exception 'invoice_not_sent' using errcode = '55000';
  end if;
  if paid is null then
    raise exception 'invoice_paid_on_required' using errcode = '23502';
  end if;
  update public.invoices i set status = 'paid', paid_on = paid where i.id = inv.id returning * into inv;
  insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
    values (inv.workspace_id, inv.id, 'paid', auth.uid(), pg_catalog.jsonb_build_object('paid_on', paid));
  return inv;
end
$$;

create function private.create_credit_note(target uuid, line_ids uuid[]) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  note_id uuid;
begin
  inv := private.lock_owned_invoice(target);
  if inv.kind <> 'invoice' or inv.status not in ('sent', 'paid') then
    raise exception 'invoice_not_creditable' using errcode = '55000';
  end if;
  if line_ids is not null and exists (select 1 from pg_catalog.unnest(line_ids) x(id)
       where not exists (select 1 from public.invoice_lines l where l.id = x.id and l.invoice_id = inv.id)) then
    raise exception 'credit_note_line_not_on_invoice' using errcode = '23503';
  end if;
  -- Lines already credited by another credit note (draft or sent) are not credited twice.
  if not exists (select 1 from public.invoice_lines l where l.invoice_id = inv.id
                   and (line_ids is null or l.id = any (line_ids))
                   and not exists (select 1 from public.invoice_lines c where c.credits_line_id = l.id)) then
    raise exception 'invoice_already_credited' using errcode = '55000';
  end if;

  insert into public.invoices (workspace_id, kind, credits_invoice_id, client_node_id, supply_date, period_start,
      period_end, reverse_charge, message)
    values (inv.workspace_id, 'credit_note', inv.id, inv.client_node_id, inv.supply_date, inv.period_start,
      inv.period_end, inv.reverse_charge, 'Kreditering av faktura ' || inv.number)
    returning id into note_id;
  insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore,
      vat_rate, credits_line_id)
    select inv.workspace_id, note_id, l.position, l.description, -l.quantity, l.unit, l.unit_price_ore, l.vat_rate, l.id
      from public.invoice_lines l
     where l.invoice_id = inv.id and (line_ids is null or l.id = any (line_ids))
       and not exists (select 1 from public.invoice_lines c where c.credits_line_id = l.id);
  insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
    values (inv.workspace_id, inv.id, 'credit_note_created', auth.uid(), pg_catalog.jsonb_build_object('credit_note_id', note_id));
  return note_id;
end
$$;

create function private.record_invoice_pdf(target uuid, path text, sha256 text) returns public.invoices
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
begin
  inv := private.lock_owned_invoice(target);
  if inv.status = 'draft' then
    raise exception 'invoice_not_sent' using errcode = '55000';
  end if;
  if inv.pdf_path is not null then
    raise exception 'invoice_pdf_already_recorded' using errcode = '55000';
  end if;
  if path is null or not starts_with(path, inv.workspace_id::text || '/') then
    raise exception 'invoice_pdf_path_invalid' using errcode = '22023';
  end if;
  update public.invoices i set pdf_path = path, pdf_sha256 = pg_catalog.lower(sha256) where i.id = inv.id returning * into inv;
  insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
    values (inv.workspace_id, inv.id, 'pdf_archived', auth.uid(), pg_catalog.jsonb_build_object('path', path, 'sha256', inv.pdf_sha256));
  return inv;
end
$$;

grant execute on function private.send_invoice(uuid), private.mark_invoice_paid(uuid, date),
  private.create_credit_note(uuid, uuid[]), private.record_invoice_pdf(uuid, text, text) to authenticated;

create function public.send_invoice(invoice_id uuid) returns public.invoices
language sql volatile security invoker set search_path = ''
as $$ select * from private.send_invoice(invoice_id) $$;
comment on function public.send_invoice(uuid) is 'Validates a draft (ML ch. 17), gives it the next number of its series (gapless, same transaction), freezes seller/buyer snapshots and VAT summary, locks its billed hours, records a sent event.';

create function public.mark_invoice_paid(invoice_id uuid, paid_on date default current_date) returns public.invoices
language sql volatile security invoker set search_path = ''
as $$ select * from private.mark_invoice_paid(invoice_id, paid_on) $$;
comment on function public.mark_invoice_paid(uuid, date) is 'sent -> paid with the payment date.';

create function public.create_credit_note(invoice_id uuid, line_ids uuid[] default null) returns uuid
language sql volatile security invoker set search_path = ''
as $$ select private.create_credit_note(invoice_id, line_ids) $$;
comment on function public.create_credit_note(uuid, uuid[]) is 'Creates a draft credit note for a sent/paid invoice with negated copies of the given lines (all not yet credited when null); send it with send_invoice().';

create function public.record_invoice_pdf(invoice_id uuid, path text, sha256 text) returns public.invoices
language sql volatile security invoker set search_path = ''
as $$ select * from private.record_invoice_pdf(invoice_id, path, sha256) $$;
comment on function public.record_invoice_pdf(uuid, text, text) is 'Records the archived PDF (invoice-archive object name and SHA-256) of a sent invoice, once.';

grant execute on function public.send_invoice(uuid), public.mark_invoice_paid(uuid, date),
  public.create_credit_note(uuid, uuid[]), public.record_invoice_pdf(uuid, text, text) to authenticated;
