-- Hours logged against a client, project or task node, and the invoice line that billed them.
-- Owner only: an accountant never sees unbilled (or billed) hours, only the invoice lines.

create table public.time_entries (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null,
  node_id uuid not null,
  entry_date date not null,
  minutes integer not null constraint time_entries_minutes_positive check (minutes > 0),
  hourly_rate_ore bigint not null default 0 constraint time_entries_hourly_rate_nonnegative check (hourly_rate_ore >= 0),
  description text not null default '' constraint time_entries_description_length check (char_length(description) <= 2000),
  billable boolean not null default true,
  invoice_line_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint time_entries_minutes_max check (minutes <= 1440),
  constraint time_entries_node_same_workspace foreign key (workspace_id, node_id)
    references public.nodes (workspace_id, id) on delete cascade,
  -- Deleting a draft's line unbills its hours (only invoice_line_id is cleared).
  constraint time_entries_invoice_line_same_workspace foreign key (workspace_id, invoice_line_id)
    references public.invoice_lines (workspace_id, id) on delete set null (invoice_line_id),
  constraint time_entries_billed_only_if_billable check (invoice_line_id is null or billable)
);
comment on table public.time_entries is 'Hours on a client, project or task node. Unbilled while invoice_line_id is null; locked once the billing invoice is sent. Owner only.';
comment on column public.time_entries.minutes is 'Duration in whole minutes, 1-1440.';
comment on column public.time_entries.hourly_rate_ore is 'Hourly rate excl. VAT in öre at the time of logging.';
comment on column public.time_entries.invoice_line_id is 'The invoice line that bills these hours; null = unbilled.';
create index time_entries_workspace_id_node_id_idx on public.time_entries (workspace_id, node_id);
create index time_entries_workspace_id_entry_date_idx on public.time_entries (workspace_id, entry_date);
create index time_entries_workspace_id_invoice_line_id_idx on public.time_entries (workspace_id, invoice_line_id);
create index time_entries_node_id_idx on public.time_entries (node_id);
create index time_entries_invoice_line_id_idx on public.time_entries (invoice_line_id);

-- Definer: checks the node as it is, not as the writer's RLS shows it.
create function private.time_entries_node_not_note() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from public.nodes n where n.id = new.node_id and n.kind = 'note') then
    raise exception 'time_entries_node_not_note' using errcode = '23514', constraint = 'time_entries_node_not_note',
      table = 'time_entries', column = 'node_id';
  end if;
  return new;
end
$$;
create trigger time_entries_node_not_note before insert or update of node_id on public.time_entries
  for each row execute function private.time_entries_node_not_note();
create trigger time_entries_touch before update on public.time_entries
  for each row execute function private.touch_updated_at();

alter table public.time_entries enable row level security;
create policy time_entries_select on public.time_entries for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));
create policy time_entries_insert on public.time_entries for insert to authenticated
  with check (workspace_id in (select private.my_owned_workspaces()));
create policy time_entries_update on public.time_entries for update to authenticated
  using (workspace_id in (select private.my_owned_workspaces()))
  with check (workspace_id in (select private.my_owned_workspaces()));
create policy time_entries_delete on public.time_entries for delete to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));

create trigger time_entries_audit after insert or update or delete on public.time_entries
  for each row execute function private.audit_row('id');
