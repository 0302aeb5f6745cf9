-- Getting paid (issue 19, items 1, 2 and 4): the client's terms for late payment, the reference
-- rate table, payment reminders, and the interest invoice (räntefaktura).
--   * Terms on the client: a reminder fee only where agreed (inkassolagen 1981:739, 2 §, with the
--     förordning 1981:1057: at most 60 kr per claim however many reminders, so the database keeps
--     the sum of an invoice's reminder fees within 6 000 öre), an agreed late-interest rate
--     instead of räntelagen's, and whether the client is a consumer (no förseningsersättning:
--     lagen 2013:30 applies between businesses and to public authorities).
--   * private.reference_rates: Riksbanken's referensränta per calendar half-year (räntelagen
--     9 §), kept by the operator with private.set_reference_rate(); there is no network lookup.
--     Interest for a day without a rate is refused naming the half-year, never guessed.
--   * public.payment_reminders: every reminder sent, with its fee; recorded in the invoice's
--     history (invoice_events 'reminder_sent').
--   * Charges are invoice lines of their own kind (late_interest, reminder_fee,
--     late_compensation), outside the scope of VAT (0 %, no exemption text needed), naming the
--     invoice they are for; an interest line also the days, rate and principal it was computed
--     from. private.create_interest_invoice() makes a draft räntefaktura of what is due, which is
--     then sent like any invoice (ordinary number series). Interest is never charged twice for a
--     day, the förseningsersättning once per invoice, a reminder fee once per reminder.
--   * private.collection_suggestions: the daily job (lib/jobs, kind 'collections') writes which
--     invoices are due for a reminder and which clients for a räntefaktura; the overdue page reads it.

alter table public.client_details
  add column reminder_fee_ore integer constraint client_details_reminder_fee_range check (reminder_fee_ore between 1 and 6000),
  add column late_interest_bp integer constraint client_details_late_interest_range check (late_interest_bp between 0 and 5000),
  add column consumer boolean not null default false;
comment on column public.client_details.reminder_fee_ore is 'Agreed påminnelseavgift in öre, charged with a reminder; null: none agreed. At most 60 kr per invoice in all (inkassolagen 1981:739, förordning 1981:1057).';
comment on column public.client_details.late_interest_bp is 'Agreed late-payment interest per year in basis points (1 000 = 10 %); null: räntelagen 6 §, the reference rate + 8 percentage points.';
comment on column public.client_details.consumer is 'The client is a consumer: no förseningsersättning (lagen 2013:30 is for business and public debtors).';

create table private.reference_rates (
  valid_from date primary key constraint reference_rates_half_year check (pg_catalog.date_part('day', valid_from) = 1
    and pg_catalog.date_part('month', valid_from) in (1, 7)),
  rate_bp integer not null constraint reference_rates_rate_range check (rate_bp between -1000 and 5000),
  source text not null,
  recorded_at timestamptz not null default pg_catalog.now()
);
alter table private.reference_rates enable row level security;
comment on table private.reference_rates is 'Riksbanken''s referensränta per calendar half-year (räntelagen 9 §), from 1 January or 1 July. Operator only: private.set_reference_rate().';
comment on column private.reference_rates.rate_bp is 'The reference rate in basis points (200 = 2,00 %).';
comment on column private.reference_rates.source is 'Where the figure was taken from, for the auditor.';
-- As published (riksbank.se, Referensränta); the operator adds each new half-year.
insert into private.reference_rates (valid_from, rate_bp, source) values
  ('2022-01-01', 0, 'Riksbanken, referensränta'), ('2022-07-01', 50, 'Riksbanken, referensränta'),
  ('2023-01-01', 250, 'Riksbanken, referensränta'), ('2023-07-01', 350, 'Riksbanken, referensränta'),
  ('2024-01-01', 400, 'Riksbanken, referensränta'), ('2024-07-01', 400, 'Riksbanken, referensränta'),
  ('2025-01-01', 300, 'Riksbanken, referensränta'), ('2025-07-01', 200, 'Riksbanken, referensränta'),
  ('2026-01-01', 200, 'Riksbanken, referensränta');

create function private.set_reference_rate(valid_from date, rate_bp integer, source text) returns void
language sql security definer set search_path = ''
as $$
  insert into private.reference_rates (valid_from, rate_bp, source) values (valid_from, rate_bp, source)
  on conflict on constraint reference_rates_pkey do update set rate_bp = excluded.rate_bp, source = excluded.source, recorded_at = pg_catalog.now()
$$;
comment on function private.set_reference_rate(date, integer, text) is 'Records the reference rate of a half-year (operator: npm run interest:reference-rate).';
revoke all on function private.set_reference_rate(date, integer, text) from public;

-- The reference rates, for the page that explains an interest figure.
create function private.reference_rates() returns table (valid_from date, rate_bp integer)
language sql stable security definer set search_path = ''
as $$ select r.valid_from, r.rate_bp from private.reference_rates r order by r.valid_from desc $$;
revoke all on function private.reference_rates() from public;
grant execute on function private.reference_rates() to authenticated;
create function public.reference_rates() returns table (valid_from date, rate_bp integer)
language sql stable security invoker set search_path = ''
as $$ select * from private.reference_rates() $$;
comment on function public.reference_rates() is 'Riksbanken''s reference rate per half-year as the operator recorded it.';
revoke all on function public.reference_rates() from public, anon;
grant execute on function public.reference_rates() to authenticated;

-- Charge lines.
alter table public.invoice_lines drop constraint invoice_lines_line_kind_valid;
alter table public.invoice_lines add constraint invoice_lines_line_kind_valid
  check (line_kind in ('item', 'discount', 'late_interest', 'reminder_fee', 'late_compensation'));
alter table public.invoice_lines
  add column charge_for_invoice_id uuid,
  add column interest_from date,
  add column interest_to date,
  add column interest_rate_bp integer,
  add column interest_principal_ore bigint,
  add constraint invoice_lines_charge_for_same_workspace foreign key (workspace_id, charge_for_invoice_id)
    references public.invoices (workspace_id, id),
  add constraint invoice_lines_charge_shape check (
    (line_kind in ('item', 'discount')) = (charge_for_invoice_id is null)
    and (line_kind = 'late_interest') = (interest_from is not null and interest_to is not null and interest_rate_bp is not null
                                         and interest_principal_ore is not null)
    and (line_kind in ('item', 'discount') or (vat_rate = 0 and vat_exemption_reason is null))),
  add constraint invoice_lines_interest_period check (interest_to >= interest_from);
comment on column public.invoice_lines.line_kind is 'item; discount (rabatt, a negative line at the rate of what it discounts); or a charge for late payment outside the scope of VAT: late_interest (dröjsmålsränta), reminder_fee (påminnelseavgift), late_compensation (förseningsersättning, lagen 2013:30).';
comment on column public.invoice_lines.charge_for_invoice_id is 'On a charge line: the invoice paid late that it is for.';
comment on column public.invoice_lines.interest_from is 'On a late_interest line: the first day of interest (the day after the due date, or after what was charged before).';
comment on column public.invoice_lines.interest_to is 'On a late_interest line: the last day of interest.';
comment on column public.invoice_lines.interest_rate_bp is 'On a late_interest line: the yearly rate in basis points (reference rate + 800, or the agreed rate).';
comment on column public.invoice_lines.interest_principal_ore is 'On a late_interest line: the unpaid amount the interest runs on, öre.';
create index invoice_lines_workspace_id_charge_for_invoice_id_idx on public.invoice_lines (workspace_id, charge_for_invoice_id);
create unique index invoice_lines_late_compensation_once on public.invoice_lines (charge_for_invoice_id) where line_kind = 'late_compensation';

alter table public.invoice_events drop constraint invoice_events_event_valid;
alter table public.invoice_events add constraint invoice_events_event_valid
  check (event in ('sent', 'paid', 'credited', 'credit_note_created', 'pdf_archived', 'pdf_mismatch', 'emailed',
                   'payment_recorded', 'payment_reversed', 'hours_released', 'reminder_sent'));

create table public.payment_reminders (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null,
  invoice_id uuid not null,
  sent_on date not null,
  outstanding_ore bigint not null constraint payment_reminders_outstanding_positive check (outstanding_ore > 0),
  fee_ore integer not null default 0 constraint payment_reminders_fee_range check (fee_ore between 0 and 6000),
  recipient text not null constraint payment_reminders_recipient_valid check (recipient ~ '^[^@\s]+@[^@\s]+$'),
  charged_line_id uuid unique references public.invoice_lines (id) on delete set null,
  sent_by uuid,
  created_at timestamptz not null default now(),
  constraint payment_reminders_invoice_same_workspace foreign key (workspace_id, invoice_id)
    references public.invoices (workspace_id, id) on delete cascade
);
comment on table public.payment_reminders is 'Betalningspåminnelser sent, one row each, with the fee stated. Owner reads; written by record_reminder() only.';
comment on column public.payment_reminders.outstanding_ore is 'What was unpaid when the reminder was sent, öre.';
comment on column public.payment_reminders.fee_ore is 'Påminnelseavgift stated on this reminder (0 unless the client agreed to one); an invoice''s fees add up to at most 60 kr.';
comment on column public.payment_reminders.charged_line_id is 'The räntefaktura line that charges this fee, once one does.';
comment on column public.payment_reminders.sent_by is 'auth.uid() of the sender (no foreign key: history outlives accounts).';
create index payment_reminders_workspace_id_invoice_id_idx on public.payment_reminders (workspace_id, invoice_id, sent_on);
create index payment_reminders_invoice_id_idx on public.payment_reminders (invoice_id);
alter table public.payment_reminders enable row level security;
create policy payment_reminders_select on public.payment_reminders for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));
create trigger payment_reminders_audit after insert or update or delete on public.payment_reminders
  for each row execute function private.audit_row('id');

-- Records a reminder of an overdue invoice of the owner's (the app sends the email after this
-- commits, through the outbox); the fee is the client's agreed one, within what is left of 60 kr.
create function private.record_reminder(target uuid, recipient text) returns public.payment_reminders
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  agreed integer;
  used integer;
  r public.payment_reminders;
begin
  inv := private.lock_owned_invoice(target);
  if inv.kind <> 'invoice' or inv.status not in ('sent', 'partly_paid') or inv.due_date >= private.stockholm_today()
     or inv.total_ore - inv.paid_ore - inv.credited_ore <= 0 then
    raise exception 'invoice_not_overdue' using errcode = '55000', constraint = 'payment_reminders_invoice_overdue', table = 'payment_reminders';
  end if;
  select cd.reminder_fee_ore into agreed from public.client_details cd where cd.node_id = inv.client_node_id;
  select coalesce(sum(x.fee_ore), 0) into used from public.payment_reminders x where x.invoice_id = target;
  insert into public.payment_reminders (workspace_id, invoice_id, sent_on, outstanding_ore, fee_ore, recipient, sent_by)
    values (inv.workspace_id, inv.id, private.stockholm_today(), inv.total_ore - inv.paid_ore - inv.credited_ore,
            greatest(0, least(coalesce(agreed, 0), 6000 - used)), pg_catalog.btrim(recipient), auth.uid())
    returning * into r;
  insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
    values (inv.workspace_id, inv.id, 'reminder_sent', auth.uid(), pg_catalog.jsonb_build_object('reminder_id', r.id,
            'outstanding_ore', r.outstanding_ore, 'fee_ore', r.fee_ore, 'recipient', r.recipient));
  return r;
end
$$;

-- The 60 kr cap holds for every role, table owner included.
create function private.payment_reminders_fee_cap() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (select sum(x.fee_ore) from public.payment_reminders x where x.invoice_id = new.invoice_id) > 6000 then
    raise exception 'reminder_fee_cap' using errcode = '23514', constraint = 'payment_reminders_fee_cap', table = 'payment_reminders',
      detail = 'Reminder fees for one invoice add up to at most 60 kr (förordning 1981:1057).';
  end if;
  return null;
end
$$;
create trigger payment_reminders_fee_cap after insert or update of fee_ore on public.payment_reminders
  for each row execute function private.payment_reminders_fee_cap();

create function private.payment_reminders_append_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and (pg_catalog.to_jsonb(new) - 'charged_line_id') = (pg_catalog.to_jsonb(old) - 'charged_line_id') then
    return new;
  end if;
  if tg_op = 'DELETE' then
    return old;
  end if;
  raise exception 'payment_reminders_append_only' using errcode = '55000', constraint = 'payment_reminders_append_only',
    table = 'payment_reminders', detail = 'A sent reminder is history: it is never changed.';
end
$$;
create trigger payment_reminders_append_only before update or delete on public.payment_reminders
  for each row execute function private.payment_reminders_append_only();

-- Each day of lateness of an invoice after `after` through `through` with the unpaid amount it
-- runs on (what credit notes sent and payments made before that day left) and the yearly rate:
-- the client's agreed one, else the half-year's reference rate + 8 pp (null when not recorded).
create function private.late_interest_days(target uuid, after date, through date)
returns table (day date, rate_bp integer, principal_ore bigint)
language sql stable security definer set search_path = ''
as $$
  select d::date,
         coalesce(cd.late_interest_bp, (select r.rate_bp + 800 from private.reference_rates r
                                         where r.valid_from <= d::date and r.valid_from > d::date - interval '6 months')),
         i.total_ore - coalesce((select -sum(c.total_ore) from public.invoices c
                                  where c.credits_invoice_id = i.id and c.status <> 'draft' and c.issue_date < d::date), 0)
                     - coalesce((select sum(p.amount_ore) from public.invoice_payments p
                                  where p.invoice_id = i.id and p.paid_on < d::date), 0)
    from public.invoices i
    left join public.client_details cd on cd.node_id = i.client_node_id,
         pg_catalog.generate_series((greatest(after, i.due_date) + 1)::timestamp, through::timestamp, interval '1 day') d
   where i.id = target
$$;

-- Late interest of one invoice for the days after `after` through `through`: one row per run of
-- days with the same yearly rate and the same unpaid amount (a payment on a day stops interest
-- on what it paid from the next day). Interest per row = principal × rate × days / 365, rounded
-- to the öre (half up). A day owing interest whose half-year has no reference rate is refused.
create function private.late_interest(target uuid, after date, through date)
returns table (interest_from date, interest_to date, days integer, rate_bp integer, principal_ore bigint, interest_ore bigint)
language plpgsql stable security definer set search_path = ''
as $$
declare
  missing date;
begin
  select min(x.day) into missing from private.late_interest_days(target, after, through) x where x.principal_ore > 0 and x.rate_bp is null;
  if missing is not null then
    raise exception 'reference_rate_missing' using errcode = '22023', constraint = 'reference_rates_half_year',
      detail = pg_catalog.make_date(pg_catalog.date_part('year', missing)::int, case when pg_catalog.date_part('month', missing) < 7 then 1 else 7 end, 1)::text;
  end if;
  return query
  with runs as (
    select x.*, x.day - (pg_catalog.row_number() over (partition by x.rate_bp, x.principal_ore order by x.day))::int as grp
      from private.late_interest_days(target, after, through) x where x.principal_ore > 0
  )
  select min(r.day), max(r.day), count(*)::int, r.rate_bp, r.principal_ore,
         pg_catalog.round(r.principal_ore::numeric * r.rate_bp * count(*) / (10000 * 365))::bigint
    from runs r group by r.grp, r.rate_bp, r.principal_ore order by min(r.day);
end
$$;
comment on function private.late_interest(uuid, date, date) is 'Dröjsmålsränta of an invoice for the days after `after` through `through`, by runs of equal rate and principal (räntelagen 6 §, 9 §).';

-- What a client owes for late payment and has not been charged: per invoice of theirs that was
-- paid late or still is, the interest since what was charged before, the förseningsersättning
-- once (business clients), the reminder fees stated and not yet charged. A räntefaktura's own
-- lateness is not charged again (no interest on interest).
create function private.create_interest_invoice(client uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid;
  cd public.client_details;
  src record;
  seg record;
  rem record;
  draft uuid;
  line uuid;
  today date := private.stockholm_today();
  n integer := 0;
begin
  select c.workspace_id into ws from public.nodes c where c.id = client and c.kind = 'client';
  if ws is null or ws not in (select private.my_owned_workspaces()) then
    raise exception 'client_not_found' using errcode = 'P0002';
  end if;
  select * into cd from public.client_details x where x.node_id = client;
  insert into public.invoices (workspace_id, client_node_id) values (ws, client) returning id into draft;
  for src in
    select i.*, (select max(l.interest_to) from public.invoice_lines l join public.invoices h on h.id = l.invoice_id
                  where l.charge_for_invoice_id = i.id and l.line_kind = 'late_interest' and h.status <> 'credited') as charged_to
      from public.invoices i
     where i.client_node_id = client and i.kind = 'invoice' and i.status in ('sent', 'partly_paid', 'paid') and i.due_date < today
       and not exists (select 1 from public.invoice_lines l where l.invoice_id = i.id and l.charge_for_invoice_id is not null)
       and (i.status <> 'paid' or i.paid_on > i.due_date)
     order by i.number
  loop
    for seg in select * from private.late_interest(src.id, coalesce(src.charged_to, src.due_date), today) loop
      if seg.interest_ore > 0 then
        insert into public.invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, vat_rate, line_kind,
                                          charge_for_invoice_id, interest_from, interest_to, interest_rate_bp, interest_principal_ore)
          values (ws, draft, pg_catalog.format('Dröjsmålsränta faktura %s, %s–%s: %s dagar × %s %% på %s kr', src.number,
                    seg.interest_from, seg.interest_to, seg.days, pg_catalog.replace(pg_catalog.to_char(seg.rate_bp / 100.0, 'FM990.00'), '.', ','),
                    pg_catalog.replace(pg_catalog.to_char(seg.principal_ore / 100.0, 'FM999999999990.00'), '.', ',')),
                  1, seg.interest_ore, 0, 'late_interest', src.id, seg.interest_from, seg.interest_to, seg.rate_bp, seg.principal_ore);
        n := n + 1;
      end if;
    end loop;
    if not cd.consumer and not exists (select 1 from public.invoice_lines l where l.charge_for_invoice_id = src.id
                                          and l.line_kind = 'late_compensation') then
      insert into public.invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, vat_rate, line_kind, charge_for_invoice_id)
        values (ws, draft, pg_catalog.format('Förseningsersättning faktura %s (lagen 2013:30)', src.number), 1, 45000, 0,
                'late_compensation', src.id);
      n := n + 1;
    end if;
    for rem in select r.* from public.payment_reminders r where r.invoice_id = src.id and r.fee_ore > 0 and r.charged_line_id is null loop
      insert into public.invoice_lines (workspace_id, invoice_id, description, quantity, unit_price_ore, vat_rate, line_kind, charge_for_invoice_id)
        values (ws, draft, pg_catalog.format('Påminnelseavgift faktura %s (påminnelse %s)', src.number, rem.sent_on), 1, rem.fee_ore, 0,
                'reminder_fee', src.id)
        returning id into line;
      update public.payment_reminders r set charged_line_id = line where r.id = rem.id;
      n := n + 1;
    end loop;
  end loop;
  if n = 0 then
    raise exception 'nothing_to_charge' using errcode = '55000', constraint = 'invoices_interest_nothing_due', table = 'invoices';
  end if;
  return draft;
end
$$;
comment on function private.create_interest_invoice(uuid) is 'Makes a draft räntefaktura for a client: interest, förseningsersättning and reminder fees not yet charged.';

revoke execute on function private.record_reminder(uuid, text), private.late_interest(uuid, date, date), private.late_interest_days(uuid, date, date),
  private.create_interest_invoice(uuid) from public;
grant execute on function private.record_reminder(uuid, text), private.late_interest(uuid, date, date),
  private.create_interest_invoice(uuid) to authenticated;

create function public.record_reminder(invoice_id uuid, recipient text) returns public.payment_reminders
language sql volatile security invoker set search_path = ''
as $$ select * from private.record_reminder(invoice_id, recipient) $$;
comment on function public.record_reminder(uuid, text) is 'Records a betalningspåminnelse of an overdue invoice (the fee the client agreed to, within 60 kr per invoice).';

create function public.create_interest_invoice(client_id uuid) returns uuid
language sql volatile security invoker set search_path = ''
as $$ select private.create_interest_invoice(client_id) $$;
comment on function public.create_interest_invoice(uuid) is 'Makes a draft räntefaktura of what the client owes for late payment; sent like any invoice.';

create function public.late_interest(invoice_id uuid, through date)
returns table (interest_from date, interest_to date, days integer, rate_bp integer, principal_ore bigint, interest_ore bigint)
language sql stable security invoker set search_path = ''
as $$
  select l.* from public.invoices i, private.late_interest(i.id, i.due_date, through) l where i.id = invoice_id
$$;
comment on function public.late_interest(uuid, date) is 'The late interest of an invoice of the reader''s from its due date through a day, by runs of equal rate and principal.';

revoke execute on function public.record_reminder(uuid, text), public.create_interest_invoice(uuid), public.late_interest(uuid, date)
  from public, anon;
grant execute on function public.record_reminder(uuid, text), public.create_interest_invoice(uuid), public.late_interest(uuid, date)
  to authenticated;

-- Daily (the job runner's 'collections' job): which overdue invoices are due for a reminder
-- (none yet, or the last one a week ago) and which clients owe late interest not yet charged
-- (an invoice paid late, or still unpaid past its due date, beyond what räntefakturor charged).
create table private.collection_suggestions (
  kind text not null constraint collection_suggestions_kind_valid check (kind in ('reminder', 'interest')),
  subject_id uuid not null,
  workspace_id uuid not null,
  suggested_on date not null,
  primary key (kind, subject_id)
);
alter table private.collection_suggestions enable row level security;
create index collection_suggestions_workspace_id_idx on private.collection_suggestions (workspace_id);
comment on table private.collection_suggestions is 'What the daily collections job suggests: a reminder for an overdue invoice (subject = invoice), a räntefaktura for a client (subject = client node). Read through public.collection_suggestions().';

create function private.suggest_collections(on_day date) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  n integer;
  m integer;
begin
  delete from private.collection_suggestions;
  insert into private.collection_suggestions (kind, subject_id, workspace_id, suggested_on)
    select 'reminder', i.id, i.workspace_id, on_day from public.invoices i
     where i.kind = 'invoice' and i.status in ('sent', 'partly_paid') and i.due_date < on_day
       and i.total_ore - i.paid_ore - i.credited_ore > 0
       and not exists (select 1 from public.payment_reminders r where r.invoice_id = i.id and r.sent_on > on_day - 7);
  get diagnostics n = row_count;
  insert into private.collection_suggestions (kind, subject_id, workspace_id, suggested_on)
    select distinct 'interest', i.client_node_id, i.workspace_id, on_day from public.invoices i
     where i.kind = 'invoice' and i.status in ('sent', 'partly_paid', 'paid') and i.due_date < on_day
       and (i.status <> 'paid' or i.paid_on > i.due_date)
       and not exists (select 1 from public.invoice_lines l where l.invoice_id = i.id and l.charge_for_invoice_id is not null)
       and coalesce((select max(l.interest_to) from public.invoice_lines l where l.charge_for_invoice_id = i.id and l.line_kind = 'late_interest'),
                    i.due_date) < coalesce(i.paid_on, on_day);
  get diagnostics m = row_count;
  return n + m;
end
$$;
comment on function private.suggest_collections(date) is 'The collections job: overdue invoices without a reminder in the last seven days, clients with late interest not yet charged. Operator only.';
revoke all on function private.suggest_collections(date) from public;

create function private.my_collection_suggestions() returns table (kind text, subject_id uuid, suggested_on date)
language sql stable security definer set search_path = ''
as $$
  select s.kind, s.subject_id, s.suggested_on from private.collection_suggestions s
   where s.workspace_id in (select private.my_owned_workspaces())
$$;
revoke all on function private.my_collection_suggestions() from public;
grant execute on function private.my_collection_suggestions() to authenticated;
create function public.collection_suggestions() returns table (kind text, subject_id uuid, suggested_on date)
language sql stable security invoker set search_path = ''
as $$ select * from private.my_collection_suggestions() $$;
comment on function public.collection_suggestions() is 'The owner''s reminders and räntefakturor the daily job suggests.';
revoke all on function public.collection_suggestions() from public, anon;
grant execute on function public.collection_suggestions() to authenticated;

alter table private.jobs drop constraint jobs_kind_known;
alter table private.jobs add constraint jobs_kind_known check (kind in ('archive_invoice', 'retention', 'collections'));

create or replace function private.schedule_jobs(at timestamptz default pg_catalog.now()) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  n integer;
  m integer;
  k integer;
begin
  -- A send archives its own PDF right after its commit; should the job meet a send still in
  -- flight, both render the same bytes and the first record wins (finishArchive is idempotent).
  insert into private.jobs (kind, key, run_after)
    select 'archive_invoice', i.id::text, at
      from public.invoices i
     where i.status <> 'draft' and i.pdf_path is null
    on conflict (kind, key) do nothing;
  get diagnostics n = row_count;
  insert into private.jobs (kind, key, run_after)
    values ('retention', private.stockholm_today(at)::text, at)
    on conflict (kind, key) do nothing;
  get diagnostics m = row_count;
  insert into private.jobs (kind, key, run_after)
    values ('collections', private.stockholm_today(at)::text, at)
    on conflict (kind, key) do nothing;
  get diagnostics k = row_count;
  return n + m + k;
end
$$;
