-- The mind-map: clients, projects, tasks and notes as nodes on a canvas, and the invoicing
-- details of client nodes. Owner only: an accountant never sees the mind-map or notes; they see
-- the details of clients they have an invoice for (client_details_select).

create table public.nodes (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  parent_id uuid,
  kind text not null constraint nodes_kind_valid check (kind in ('client', 'project', 'task', 'note')),
  title text not null default '' constraint nodes_title_length check (char_length(title) <= 300),
  body text not null default '' constraint nodes_body_length check (char_length(body) <= 200000),
  position_x double precision not null default 0,
  position_y double precision not null default 0,
  colour text constraint nodes_colour_valid check (colour ~ '^#[0-9a-fA-F]{6}$'),
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint nodes_workspace_id_id_unique unique (workspace_id, id),
  -- Composite key: the parent must be in the same workspace.
  constraint nodes_parent_same_workspace foreign key (workspace_id, parent_id)
    references public.nodes (workspace_id, id) on delete cascade,
  constraint nodes_parent_not_self check (parent_id <> id)
);
comment on table public.nodes is 'Mind-map nodes: clients, projects, tasks and notes, with a parent in the same workspace. Owner only.';
comment on column public.nodes.body is 'Markdown; redacted in the audit log (mind-map content is purged with the account).';
comment on column public.nodes.position_x is 'Canvas position of the node (x, y).';
comment on column public.nodes.colour is 'Hex colour #rrggbb, null for the kind''s default.';
comment on column public.nodes.archived_at is 'Hidden from the canvas since then; kept because invoices and hours may refer to it.';
create index nodes_workspace_id_parent_id_idx on public.nodes (workspace_id, parent_id);
create index nodes_parent_id_idx on public.nodes (parent_id);

-- Kind is fixed at creation so hours and client details never end up on a note.
create function private.nodes_kind_immutable() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.kind <> old.kind then
    raise exception 'nodes_kind_immutable' using errcode = '23514', constraint = 'nodes_kind_immutable',
      table = 'nodes', column = 'kind';
  end if;
  return new;
end
$$;
create trigger nodes_kind_immutable before update of kind on public.nodes
  for each row execute function private.nodes_kind_immutable();
create trigger nodes_touch before update on public.nodes
  for each row execute function private.touch_updated_at();

create table public.client_details (
  node_id uuid primary key,
  workspace_id uuid not null,
  name text not null constraint client_details_name_length check (char_length(name) between 1 and 200),
  org_number text,
  vat_number text constraint client_details_vat_number_valid check (public.is_valid_vat_number(vat_number)),
  address_line1 text,
  address_line2 text,
  postal_code text,
  city text,
  country text not null default 'SE' constraint client_details_country_valid check (country ~ '^[A-Z]{2}$'),
  email text constraint client_details_email_valid check (email ~ '^[^@\s]+@[^@\s]+$'),
  reverse_charge boolean not null default false,
  payment_terms_days integer constraint client_details_payment_terms_range check (payment_terms_days between 0 and 365),
  default_hourly_rate_ore bigint constraint client_details_hourly_rate_nonnegative check (default_hourly_rate_ore >= 0),
  updated_at timestamptz not null default now(),
  constraint client_details_node_same_workspace foreign key (workspace_id, node_id)
    references public.nodes (workspace_id, id) on delete cascade,
  -- Swedish clients' organisation numbers are Luhn-checked; foreign ones are free text.
  constraint client_details_org_number_valid check (country <> 'SE' or public.is_valid_org_number(org_number)),
  constraint client_details_reverse_charge_needs_vat check (not reverse_charge or vat_number is not null)
);
comment on table public.client_details is 'Invoicing details of a client node (1:1). Owner reads and writes; an accountant reads those of clients with a sent invoice.';
comment on column public.client_details.reverse_charge is 'Omvänd betalningsskyldighet: invoices carry no VAT and need the buyer''s VAT number.';
comment on column public.client_details.payment_terms_days is 'Overrides the workspace default when set.';
comment on column public.client_details.default_hourly_rate_ore is 'Overrides the workspace default hourly rate (öre) when set.';
create index client_details_workspace_id_node_id_idx on public.client_details (workspace_id, node_id);

-- Definer: checks the node as it is, not as the writer's RLS shows it.
create function private.client_details_node_is_client() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if not exists (select 1 from public.nodes n where n.id = new.node_id and n.kind = 'client') then
    raise exception 'client_details_node_is_client' using errcode = '23514',
      constraint = 'client_details_node_is_client', table = 'client_details', column = 'node_id';
  end if;
  return new;
end
$$;
create trigger client_details_node_is_client before insert or update of node_id on public.client_details
  for each row execute function private.client_details_node_is_client();
create trigger client_details_touch before update on public.client_details
  for each row execute function private.touch_updated_at();

alter table public.nodes enable row level security;
alter table public.client_details enable row level security;

create policy nodes_select on public.nodes for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));
create policy nodes_insert on public.nodes for insert to authenticated
  with check (workspace_id in (select private.my_owned_workspaces()));
create policy nodes_update on public.nodes for update to authenticated
  using (workspace_id in (select private.my_owned_workspaces()))
  with check (workspace_id in (select private.my_owned_workspaces()));
create policy nodes_delete on public.nodes for delete to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));

create policy client_details_insert on public.client_details for insert to authenticated
  with check (workspace_id in (select private.my_owned_workspaces()));
create policy client_details_update on public.client_details for update to authenticated
  using (workspace_id in (select private.my_owned_workspaces()))
  with check (workspace_id in (select private.my_owned_workspaces()));
create policy client_details_delete on public.client_details for delete to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));
-- client_details_select is created with the invoices table (it refers to it).

create trigger nodes_audit after insert or update or delete on public.nodes
  for each row execute function private.audit_row('id', 'body');
create trigger client_details_audit after insert or update or delete on public.client_details
  for each row execute function private.audit_row('node_id');
