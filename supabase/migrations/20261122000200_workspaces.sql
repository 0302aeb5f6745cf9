-- The consultant's business (workspace) and who belongs to it. A workspace and its owner row are
-- created by a trigger when Supabase Auth inserts a user, so every signed-in user has one.

create schema if not exists private;
revoke all on schema private from public;

-- Functions are not executable by everyone unless granted one by one.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;

create table public.workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null default '' check (char_length(name) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.workspaces is 'A consultant''s business (enskild firma): the tenant every other row belongs to.';

create table public.workspace_members (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('owner', 'accountant')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
comment on table public.workspace_members is 'Who may act in a workspace: its owner, and accountants the owner invited.';
create index workspace_members_user_id_idx on public.workspace_members (user_id);

-- Membership lookups run as definer so policies on workspace_members do not recurse.
create function private.my_workspaces() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.workspace_id from public.workspace_members m where m.user_id = (select auth.uid())
$$;
create function private.my_owned_workspaces() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.workspace_id from public.workspace_members m
  where m.user_id = (select auth.uid()) and m.role = 'owner'
$$;
grant usage on schema private to authenticated;
grant execute on function private.my_workspaces(), private.my_owned_workspaces() to authenticated;

alter table public.workspaces enable row level security;
alter table public.workspace_members enable row level security;

create policy workspaces_select on public.workspaces for select to authenticated
  using (id in (select private.my_workspaces()));
create policy workspaces_update on public.workspaces for update to authenticated
  using (id in (select private.my_owned_workspaces()))
  with check (id in (select private.my_owned_workspaces()));

create policy workspace_members_select on public.workspace_members for select to authenticated
  using (workspace_id in (select private.my_workspaces()));

create function private.create_workspace_for_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  new_workspace_id uuid;
begin
  insert into public.workspaces (name) values (coalesce(new.raw_user_meta_data ->> 'business_name', ''))
  returning id into new_workspace_id;
  insert into public.workspace_members (workspace_id, user_id, role) values (new_workspace_id, new.id, 'owner');
  return new;
end
$$;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.create_workspace_for_new_user();
