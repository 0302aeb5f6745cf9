-- Invoices and credit notes (ML 2023:200 ch. 17), their lines and status history, and the
-- gapless number series. Drafts are the owner's; from sending on an invoice is a verifikation:
-- the immutability triggers (a later migration) keep it as sent. Accountants read everything
-- that has left draft, and see the seller's details only in the frozen seller_snapshot.

create table public.number_series (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  series text not null default 'invoice' constraint number_series_series_valid check (series ~ '^[a-z0-9_-]{1,30}$'),
  next_number bigint not null default 1 constraint number_series_next_number_positive check (next_number >= 1),
  primary key (workspace_id, series)
);
comment on table public.number_series is 'Gapless löpnummer series per workspace. send_invoice() takes the next number under this row''s lock in the sending transaction, so a failed send consumes none.';
comment on column public.number_series.next_number is 'The number the next sent invoice gets; only ever incremented by one.';

-- Gapless: the counter only moves forward one at a time.
create function private.number_series_increment_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.next_number <> old.next_number + 1 or new.series <> old.series or new.workspace_id <> old.workspace_id then
    raise exception 'number_series_increment_only' using errcode = '23514', constraint = 'number_series_increment_only',
      table = 'number_series';
  end if;
  return new;
end
$$;
create trigger number_series_increment_only before update on public.number_series
  for each row execute function private.number_series_increment_only();

create table public.invoices (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  kind text not null default 'invoice' constraint invoices_kind_valid check (kind in ('invoice', 'credit_note')),
  credits_invoice_id uuid,
  status text not null default 'draft' constraint invoices_status_valid check (status in ('draft', 'sent', 'paid', 'credited')),
  series text not null default 'invoice',
  number bigint,
  client_node_id uuid not null,
  issue_date date,
  supply_date date,
  period_start date,
  period_end date,
  due_date date,
  reverse_charge boolean not null default false,
  seller_snapshot jsonb,
  buyer_snapshot jsonb,
  vat_summary jsonb not null default '[]',
  net_ore bigint not null default 0,
  vat_ore bigint not null default 0,
  total_ore bigint not null default 0,
  ocr_reference text,
  message text constraint invoices_message_length check (char_length(message) <= 2000),
  pdf_path text,
  pdf_sha256 text constraint invoices_pdf_sha256_format check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  paid_on date,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint invoices_workspace_id_id_unique unique (workspace_id, id),
  constraint invoices_number_unique unique (workspace_id, series, number),
  constraint invoices_client_same_workspace foreign key (workspace_id, client_node_id)
    references public.nodes (workspace_id, id) on delete restrict,
  constraint invoices_credits_same_workspace foreign key (workspace_id, credits_invoice_id)
    references public.invoices (workspace_id, id) on delete restrict,
  constraint invoices_credit_note_reference check ((kind = 'credit_note') = (credits_invoice_id is not null)),
  constraint invoices_number_when_sent check ((status = 'draft') = (number is null)),
  constraint invoices_sent_complete check (status = 'draft' or (seller_snapshot is not null and buyer_snapshot is not null
    and issue_date is not null and due_date is not null and sent_at is not null and ocr_reference is not null)),
  constraint invoices_ocr_luhn check (ocr_reference ~ '^[0-9]{2,25}$' and public.luhn_valid(ocr_reference)),
  constraint invoices_pdf_recorded_together check ((pdf_path is null) = (pdf_sha256 is null)),
  constraint invoices_pdf_only_when_sent check (pdf_path is null or status <> 'draft'),
  constraint invoices_paid_on_when_paid check ((status = 'paid') <= (paid_on is not null) and (status in ('draft', 'sent') <= (paid_on is null))),
  constraint invoices_period_order check (period_end >= period_start),
  constraint invoices_due_after_issue check (due_date >= issue_date),
  constraint invoices_total_sum check (total_ore = net_ore + vat_ore),
  constraint invoices_credit_note_not_credited check (kind = 'invoice' or status <> 'credited')
);
comment on table public.invoices is 'Invoices and credit notes. Draft: the owner edits freely. Sent/paid/credited: a verifikation, immutable but for sent -> paid, -> credited and the one-time PDF record (triggers, all roles).';
comment on column public.invoices.kind is 'invoice, or credit_note (kreditnota) that references the invoice it credits (ML ch. 17 §§ 22-23).';
comment on column public.invoices.status is 'draft -> sent -> paid; sent/paid -> credited when sent credit notes cover the whole invoice.';
comment on column public.invoices.number is 'Löpnummer from number_series, assigned at send; null while draft.';
comment on column public.invoices.supply_date is 'Date of supply when it differs from the issue date (or use period_start/period_end).';
comment on column public.invoices.seller_snapshot is 'The seller''s business profile (names, numbers, address, F-skatt, payment details) frozen at send.';
comment on column public.invoices.buyer_snapshot is 'The client''s details frozen at send.';
comment on column public.invoices.vat_summary is 'Per VAT rate: [{vat_rate, taxable_ore, vat_ore}]; vat_ore = taxable_ore * rate / 100 rounded half away from zero (half-up for positive amounts) to whole öre, per rate over the sum of that rate''s lines.';
comment on column public.invoices.net_ore is 'Sum of line amounts excl. VAT, öre.';
comment on column public.invoices.vat_ore is 'Sum of vat_summary VAT, öre.';
comment on column public.invoices.total_ore is 'Amount to pay incl. VAT, öre (negative on credit notes).';
comment on column public.invoices.ocr_reference is 'OCR payment reference: the invoice number followed by a Luhn (mod 10) check digit.';
comment on column public.invoices.pdf_path is 'Object name in the invoice-archive bucket of the PDF as sent; recorded once.';
comment on column public.invoices.pdf_sha256 is 'Hex SHA-256 of the archived PDF.';
create index invoices_workspace_id_client_node_id_idx on public.invoices (workspace_id, client_node_id);
create index invoices_workspace_id_credits_invoice_id_idx on public.invoices (workspace_id, credits_invoice_id);
create index invoices_workspace_id_status_issue_date_idx on public.invoices (workspace_id, status, issue_date desc);
create index invoices_client_node_id_idx on public.invoices (client_node_id);

-- Definer: checks the node as it is, not as the writer's RLS shows it.
create function private.invoices_client_is_client() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if not exists (select 1 from public.nodes n where n.id = new.client_node_id and n.kind = 'client') then
    raise exception 'invoices_client_is_client' using errcode = '23514', constraint = 'invoices_client_is_client',
      table = 'invoices', column = 'client_node_id';
  end if;
  return new;
end
$$;
create trigger invoices_client_is_client before insert or update of client_node_id on public.invoices
  for each row execute function private.invoices_client_is_client();

create table public.invoice_lines (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null,
  invoice_id uuid not null,
  position integer not null default 0,
  description text not null constraint invoice_lines_description_length check (char_length(description) between 1 and 500),
  quantity numeric(12, 2) not null constraint invoice_lines_quantity_nonzero check (quantity <> 0),
  unit text not null default 'h' constraint invoice_lines_unit_length check (char_length(unit) between 1 and 20),
  unit_price_ore bigint not null constraint invoice_lines_unit_price_nonnegative check (unit_price_ore >= 0),
  vat_rate smallint not null default 25 constraint invoice_lines_vat_rate_valid check (vat_rate in (25, 12, 6, 0)),
  amount_ore bigint generated always as (round(quantity * unit_price_ore)::bigint) stored,
  credits_line_id uuid,
  created_at timestamptz not null default now(),
  constraint invoice_lines_workspace_id_id_unique unique (workspace_id, id),
  constraint invoice_lines_invoice_same_workspace foreign key (workspace_id, invoice_id)
    references public.invoices (workspace_id, id) on delete cascade,
  constraint invoice_lines_credits_same_workspace foreign key (workspace_id, credits_line_id)
    references public.invoice_lines (workspace_id, id) on delete restrict
);
comment on table public.invoice_lines is 'What was supplied and how much: quantity x unit price excl. VAT at a VAT rate. Editable while the invoice is a draft, never after.';
comment on column public.invoice_lines.quantity is 'Negative on credit-note lines.';
comment on column public.invoice_lines.unit_price_ore is 'Unit price excl. VAT in öre.';
comment on column public.invoice_lines.vat_rate is 'Swedish VAT rate in percent: 25, 12, 6 or 0 (0 with reverse charge or exemption).';
comment on column public.invoice_lines.amount_ore is 'quantity x unit price, rounded half away from zero to whole öre (generated).';
comment on column public.invoice_lines.credits_line_id is 'On a credit-note line: the original invoice line it credits.';
create index invoice_lines_workspace_id_invoice_id_idx on public.invoice_lines (workspace_id, invoice_id, position);
create index invoice_lines_invoice_id_idx on public.invoice_lines (invoice_id);
create index invoice_lines_workspace_id_credits_line_id_idx on public.invoice_lines (workspace_id, credits_line_id);

create table public.invoice_events (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null,
  invoice_id uuid not null,
  event text not null constraint invoice_events_event_valid
    check (event in ('sent', 'paid', 'credited', 'credit_note_created', 'pdf_archived')),
  actor_id uuid,
  occurred_at timestamptz not null default now(),
  details jsonb not null default '{}',
  constraint invoice_events_invoice_same_workspace foreign key (workspace_id, invoice_id)
    references public.invoices (workspace_id, id) on delete cascade
);
comment on table public.invoice_events is 'Status history of an invoice, written by the invoicing functions only.';
comment on column public.invoice_events.actor_id is 'auth.uid() of who caused the event (no foreign key: history outlives accounts).';
create index invoice_events_workspace_id_invoice_id_idx on public.invoice_events (workspace_id, invoice_id, occurred_at);

-- Draft totals follow the lines, so lists show them before sending; the same computation is
-- frozen at send. Definer: the immutability trigger lets only functions change totals.
create function private.recompute_invoice_totals(target uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  summary jsonb;
  net bigint;
  vat bigint;
begin
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('vat_rate', s.vat_rate, 'taxable_ore', s.taxable_ore,
           'vat_ore', s.vat_ore) order by s.vat_rate desc), '[]'),
         coalesce(sum(s.taxable_ore), 0), coalesce(sum(s.vat_ore), 0)
    into summary, net, vat
    from (select l.vat_rate, sum(l.amount_ore)::bigint as taxable_ore,
                 round(sum(l.amount_ore) * l.vat_rate / 100.0)::bigint as vat_ore
            from public.invoice_lines l where l.invoice_id = target group by l.vat_rate) s;
  update public.invoices i set vat_summary = summary, net_ore = net, vat_ore = vat, total_ore = net + vat
    where i.id = target and i.status = 'draft'
      and (i.vat_summary, i.net_ore, i.vat_ore) is distinct from (summary, net, vat);
end
$$;

create function private.invoice_lines_recompute() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform private.recompute_invoice_totals(old.invoice_id); end if;
  if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.invoice_id <> old.invoice_id) then
    perform private.recompute_invoice_totals(new.invoice_id);
  end if;
  return null;
end
$$;
create trigger invoice_lines_recompute after insert or update or delete on public.invoice_lines
  for each row execute function private.invoice_lines_recompute();
create trigger invoices_touch before update on public.invoices
  for each row execute function private.touch_updated_at();

alter table public.number_series enable row level security;
alter table public.invoices enable row level security;
alter table public.invoice_lines enable row level security;
alter table public.invoice_events enable row level security;

-- Written by send_invoice() only.
create policy number_series_select on public.number_series for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));

create policy invoices_select on public.invoices for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces())
         or (status <> 'draft' and workspace_id in (select private.my_accountant_workspaces())));
create policy invoices_insert on public.invoices for insert to authenticated
  with check (workspace_id in (select private.my_owned_workspaces()) and status = 'draft');
create policy invoices_update on public.invoices for update to authenticated
  using (workspace_id in (select private.my_owned_workspaces()) and status = 'draft')
  with check (workspace_id in (select private.my_owned_workspaces()) and status = 'draft');
create policy invoices_delete on public.invoices for delete to authenticated
  using (workspace_id in (select private.my_owned_workspaces()) and status = 'draft');

-- The accountant's branch goes through invoices' own policy, which shows them non-drafts only.
create policy invoice_lines_select on public.invoice_lines for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces())
         or (workspace_id in (select private.my_accountant_workspaces())
             and invoice_id in (select i.id from public.invoices i where i.status <> 'draft')));
create policy invoice_lines_insert on public.invoice_lines for insert to authenticated
  with check (workspace_id in (select private.my_owned_workspaces()));
create policy invoice_lines_update on public.invoice_lines for update to authenticated
  using (workspace_id in (select private.my_owned_workspaces()))
  with check (workspace_id in (select private.my_owned_workspaces()));
create policy invoice_lines_delete on public.invoice_lines for delete to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));

-- Written by the invoicing functions only.
create policy invoice_events_select on public.invoice_events for select to authenticated
  using (workspace_id in (select private.my_workspaces()));

create policy client_details_select on public.client_details for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces())
         or (workspace_id in (select private.my_accountant_workspaces())
             and node_id in (select i.client_node_id from public.invoices i where i.status <> 'draft')));

create trigger number_series_audit after insert or update or delete on public.number_series
  for each row execute function private.audit_row('workspace_id,series');
create trigger invoices_audit after insert or update or delete on public.invoices
  for each row execute function private.audit_row('id');
create trigger invoice_lines_audit after insert or update or delete on public.invoice_lines
  for each row execute function private.audit_row('id');
create trigger invoice_events_audit after insert or update or delete on public.invoice_events
  for each row execute function private.audit_row('id');
