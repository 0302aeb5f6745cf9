-- Start/stop timers kept on the server, so a running timer survives reloads and shows on every
-- device the consultant uses. One per user and workspace; stopping turns it into a time entry and
-- removes it in the same statement (public.stop_timer), so an hour is never logged twice or lost.

create table public.running_timers (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  node_id uuid not null,
  started_at timestamptz not null default now(),
  description text not null default '' constraint running_timers_description_length check (char_length(description) <= 2000),
  billable boolean not null default true,
  constraint running_timers_one_per_user unique (workspace_id, user_id),
  constraint running_timers_node_same_workspace foreign key (workspace_id, node_id)
    references public.nodes (workspace_id, id) on delete cascade
);
comment on table public.running_timers is 'A running start/stop timer, at most one per user and workspace; stop_timer() turns it into a time entry. Owner only.';
comment on column public.running_timers.started_at is 'When the timer was started; the logged duration is now() - started_at in whole minutes.';
comment on column public.running_timers.node_id is 'The client, project or task the hours go on when the timer stops.';
create index running_timers_user_id_idx on public.running_timers (user_id);
create index running_timers_workspace_id_node_id_idx on public.running_timers (workspace_id, node_id);

-- The same rule as for time entries: hours never go on a note.
create trigger running_timers_node_not_note before insert or update of node_id on public.running_timers
  for each row execute function private.time_entries_node_not_note();
create trigger running_timers_audit after insert or update or delete on public.running_timers
  for each row execute function private.audit_row('id');

alter table public.running_timers enable row level security;
create policy running_timers_select on public.running_timers for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces()) and user_id = (select auth.uid()));
create policy running_timers_insert on public.running_timers for insert to authenticated
  with check (workspace_id in (select private.my_owned_workspaces()) and user_id = (select auth.uid()));
create policy running_timers_update on public.running_timers for update to authenticated
  using (workspace_id in (select private.my_owned_workspaces()) and user_id = (select auth.uid()))
  with check (workspace_id in (select private.my_owned_workspaces()) and user_id = (select auth.uid()));
create policy running_timers_delete on public.running_timers for delete to authenticated
  using (workspace_id in (select private.my_owned_workspaces()) and user_id = (select auth.uid()));

-- The hourly rate hours on a node get by default: the nearest client details up the tree with a
-- rate (the node itself, then its parents), else the business profile's default, else 0.
-- Invoker: reads only what the caller's RLS shows, so another tenant's node gives null.
create function public.default_hourly_rate_ore(node uuid) returns bigint
language sql stable security invoker set search_path = ''
as $$
  with recursive up as (
    select n.id, n.parent_id, n.workspace_id, 0 as depth from public.nodes n where n.id = node
    union all
    select p.id, p.parent_id, p.workspace_id, up.depth + 1 from public.nodes p join up on p.id = up.parent_id
     where up.depth < 50
  )
  select coalesce(
    (select cd.default_hourly_rate_ore from up join public.client_details cd on cd.node_id = up.id
      where cd.default_hourly_rate_ore is not null order by up.depth limit 1),
    (select bp.default_hourly_rate_ore from public.business_profiles bp
      where bp.workspace_id = (select up.workspace_id from up where up.depth = 0)),
    0)
  where exists (select 1 from up)
$$;
comment on function public.default_hourly_rate_ore(uuid) is 'Default hourly rate (öre) for hours on a node: nearest client details rate up the tree, else the business profile default, else 0; null when the node is not visible.';
grant execute on function public.default_hourly_rate_ore(uuid) to authenticated;

-- Stops the caller's timer in the active workspace: one statement deletes it and inserts the
-- entry (at least 1 minute, at most a day; dated by the Stockholm day it started).
create function public.stop_timer() returns public.time_entries
language sql volatile security invoker set search_path = ''
as $$
  with stopped as (
    delete from public.running_timers t
     where t.user_id = (select auth.uid()) and t.workspace_id in (select private.my_owned_workspaces())
    returning t.*
  )
  insert into public.time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description, billable)
  select s.workspace_id, s.node_id, (s.started_at at time zone 'Europe/Stockholm')::date,
         least(1440, greatest(1, round(extract(epoch from (pg_catalog.now() - s.started_at)) / 60)::integer)),
         coalesce(public.default_hourly_rate_ore(s.node_id), 0), s.description, s.billable
    from stopped s
  returning *
$$;
comment on function public.stop_timer() is 'Turns the caller''s running timer into a time entry and removes it, atomically; returns the entry (no row when no timer runs).';
grant execute on function public.stop_timer() to authenticated;
