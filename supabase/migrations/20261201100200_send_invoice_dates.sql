-- The dates of a sent invoice are true. Seen: a draft dated 2015-06-01 (and year 0001) was sent
-- with the next number and then deleted by retention as "older than 7 years". Now:
--   - the issue date of a sent invoice or credit note is the day send_invoice() runs, in
--     Europe/Stockholm; a draft's issue date is only a plan, and its due date keeps the planned
--     number of days (else the client's or the profile's terms) from the real issue date;
--   - supply date and period may lie before the issue date, but not before 2000-01-01 and not
--     after the issue date plus one year;
--   - within a series, numbers and issue dates ascend together;
--   - a line that bills hours equals them (private.line_matches_hours).
-- The sign checks (positive_quantities / negative_quantities) left send_invoice(): the trigger
-- that knows discount lines owns them (issue 12, h3). The credit-note block is unchanged.

-- Absurd dates typed on drafts are dropped (a draft's dates are plans); sent invoices are
-- verifikationer and stay as they are, so the constraints are not validated against them.
update public.invoices set
    issue_date = case when issue_date >= date '2000-01-01' then issue_date end,
    due_date = case when due_date >= date '2000-01-01' then due_date end,
    supply_date = case when supply_date >= date '2000-01-01' then supply_date end,
    period_start = case when coalesce(least(period_start, period_end) >= date '2000-01-01', true) then period_start end,
    period_end = case when coalesce(least(period_start, period_end) >= date '2000-01-01', true) then period_end end
  where status = 'draft' and least(issue_date, due_date, supply_date, period_start, period_end) < date '2000-01-01';
alter table public.invoices
  add constraint invoices_issue_date_range check (issue_date >= date '2000-01-01') not valid,
  add constraint invoices_due_date_range check (due_date >= date '2000-01-01') not valid,
  add constraint invoices_supply_date_range check (supply_date >= date '2000-01-01'
    and (status = 'draft' or supply_date <= (issue_date + interval '1 year')::date)) not valid,
  add constraint invoices_period_start_range check (period_start >= date '2000-01-01'
    and (status = 'draft' or period_start <= (issue_date + interval '1 year')::date)) not valid,
  add constraint invoices_period_end_range check (period_end >= date '2000-01-01'
    and (status = 'draft' or period_end <= (issue_date + interval '1 year')::date)) not valid;
comment on column public.invoices.issue_date is 'Fakturadatum. Sent: the Stockholm day send_invoice() ran. Draft: a planned date only, replaced at send.';
comment on column public.invoices.due_date is 'Förfallodag. At send: the real issue date plus the planned days (draft due - draft issue), else the client''s or the profile''s payment terms.';

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
comment on function public.send_invoice(uuid) is 'Validates a draft (ML ch. 17, dates, lines equal their hours), dates it today (Europe/Stockholm) with the due date from its terms, gives it the next number of its series (gapless, same transaction, ascending with the dates), freezes seller/buyer snapshots and VAT summary, locks its billed hours, records a sent event.';
