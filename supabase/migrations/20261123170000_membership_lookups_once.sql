-- Cheaper membership lookups, same answers. Every RLS policy calls one of these once per table a
-- statement touches, so their cost is most of what RLS adds to a read:
-- * the caller, the active workspace and the tombstone are looked up once per call, not per
--   membership row (auth.uid() parses the JWT claims; active_workspace() runs a regex);
-- * one implementation for the three roles' helpers.
-- And the workspace a transaction acts in is chosen by a function with a cached plan instead of
-- an ad-hoc statement planned on every request.

create function private.member_workspaces(wanted_role text) returns setof uuid
language plpgsql stable security definer set search_path = '' rows 3
as $$
declare
  me constant uuid := auth.uid();
  active constant uuid := private.active_workspace();
begin
  -- A tombstoned account is a member of nothing (see account_tombstones).
  if me is null or exists (select from private.account_deletions d where d.user_id = me) then
    return;
  end if;
  return query
    select m.workspace_id from public.workspace_members m
    where m.user_id = me
      and (wanted_role is null or m.role = wanted_role)
      and (active is null or m.workspace_id = active);
end
$$;
comment on function private.member_workspaces(text) is 'Workspaces the current user holds the role in (null: any role), narrowed to the active one; none while the account is a tombstone.';
grant execute on function private.member_workspaces(text) to authenticated;

create or replace function private.my_workspaces() returns setof uuid
language sql stable set search_path = '' rows 3
as $$
  select private.member_workspaces(null)
$$;

create or replace function private.my_owned_workspaces() returns setof uuid
language sql stable set search_path = '' rows 1
as $$
  select private.member_workspaces('owner')
$$;

create or replace function private.my_accountant_workspaces() returns setof uuid
language sql stable set search_path = '' rows 3
as $$
  select private.member_workspaces('accountant')
$$;

-- withUserTransaction's opening round trip: the preferred workspace if the user is a member,
-- else the one they own, else their first. Runs as the user, so RLS decides what counts as a
-- membership (a tombstoned account has none). `narrow` sets app.workspace_id, which the helpers
-- above narrow to; without it the transaction sees every membership (choosing a workspace).
create function private.choose_workspace(preferred uuid, narrow boolean)
returns table (id uuid, role text)
language plpgsql volatile set search_path = ''
as $$
begin
  select m.workspace_id, m.role into id, role
  from public.workspace_members m
  where m.user_id = auth.uid()
  order by m.workspace_id = preferred desc nulls last, m.role = 'owner' desc, m.created_at
  limit 1;
  if id is null then
    return;
  end if;
  if narrow then
    perform pg_catalog.set_config('app.workspace_id', id::text, true);
  end if;
  return next;
end
$$;
comment on function private.choose_workspace(uuid, boolean) is 'Picks the workspace a request acts in (preferred → owned → first) and, when narrow, makes it the active one for the transaction.';
revoke execute on function private.choose_workspace(uuid, boolean) from public;
grant execute on function private.choose_workspace(uuid, boolean) to authenticated;
