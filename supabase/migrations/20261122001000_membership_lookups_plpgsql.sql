-- Membership lookups as plpgsql with a small row estimate. SQL-language security definer
-- functions are re-planned on every call (about 0.3 ms each, once per table a statement touches);
-- plpgsql keeps its plan for the session. The default estimate of 1000 rows made the planner
-- pick sequential scans under RLS; a user belongs to a handful of workspaces. Same results.

create or replace function private.my_workspaces() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 3
as $$
begin
  return query
    select m.workspace_id from public.workspace_members m
    where m.user_id = auth.uid()
      and (private.active_workspace() is null or m.workspace_id = private.active_workspace());
end
$$;

create or replace function private.my_owned_workspaces() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 1
as $$
begin
  return query
    select m.workspace_id from public.workspace_members m
    where m.user_id = auth.uid() and m.role = 'owner'
      and (private.active_workspace() is null or m.workspace_id = private.active_workspace());
end
$$;

create or replace function private.my_accountant_workspaces() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 3
as $$
begin
  return query
    select m.workspace_id from public.workspace_members m
    where m.user_id = auth.uid() and m.role = 'accountant'
      and (private.active_workspace() is null or m.workspace_id = private.active_workspace());
end
$$;
