-- A request's opening in one call with cached plans, and membership read once per transaction
-- (issue 15). Before, the opening ran three statements (the live-session check, a SQL function
-- planned anew on every call; choose_workspace, which read workspace_members through RLS), and
-- every RLS policy of every statement looked the user's memberships up again through a SQL
-- wrapper planned anew per statement. Now:
-- * private.open_request() checks the session, reads the tombstone and the memberships, picks the
--   workspace and (when asked) the frame the layout shows, all in one PL/pgSQL call whose plans
--   the session keeps;
-- * it leaves the memberships it found in the transaction setting app.memberships, and the
--   policies' helpers read them from there. A setting is writable by every role, so the value is
--   sealed with an HMAC-SHA-256 under a key only the definer can read (private.request_key), and
--   bound to the user, the active workspace, the backend and the transaction's start: a value
--   that is forged, copied from another transaction or left behind after the claims or the
--   active workspace changed does not verify, and the helpers then look the memberships up as
--   before. A change to workspace_members or to a tombstone forgets the cache, so the
--   transaction that makes it sees its effect at once (other transactions see it from their
--   next request, as a request's memberships are those at its start).

create table private.request_key (
  singleton boolean primary key default true constraint request_key_singleton check (singleton),
  inner_pad bytea not null,
  outer_pad bytea not null
);
comment on table private.request_key is 'The HMAC key that seals app.memberships, stored as its inner and outer pads (key xor 0x36 / 0x5c, 64 bytes each); readable by the definer only.';
alter table private.request_key enable row level security;
revoke all on table private.request_key from public, anon, authenticated, service_role;

-- 32 random bytes from two strong random uuids (gen_random_uuid uses the server's strong
-- random source), padded to sha-256's 64-byte block.
insert into private.request_key (inner_pad, outer_pad)
select pg_catalog.decode(string_agg(pg_catalog.lpad(pg_catalog.to_hex(pg_catalog.get_byte(k, i) # 54), 2, '0'), '' order by i), 'hex'),
       pg_catalog.decode(string_agg(pg_catalog.lpad(pg_catalog.to_hex(pg_catalog.get_byte(k, i) # 92), 2, '0'), '' order by i), 'hex')
  from (select pg_catalog.sha256(pg_catalog.convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8'))
               || pg_catalog.decode(pg_catalog.repeat('00', 32), 'hex') as k) key, generate_series(0, 63) i;

create function private.request_mac(message text) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  pads private.request_key;
begin
  select * into pads from private.request_key;
  return pg_catalog.encode(
    pg_catalog.sha256(pads.outer_pad || pg_catalog.sha256(pads.inner_pad || pg_catalog.convert_to(message, 'UTF8'))), 'hex');
end
$$;
comment on function private.request_mac(text) is 'HMAC-SHA-256 of message under private.request_key, hex. Only the definer''s functions may call it: whoever could would forge app.memberships.';
revoke execute on function private.request_mac(text) from public, anon, authenticated, service_role;

-- What a sealed value is bound to: the user, the active workspace as set, this backend and the
-- transaction's start (as epoch, so a TimeZone change does not matter).
create function private.membership_binding() returns text
language plpgsql stable set search_path = ''
as $$
begin
  return pg_catalog.concat_ws('|', coalesce(auth.uid()::text, ''), coalesce(pg_catalog.current_setting('app.workspace_id', true), ''),
                              pg_catalog.pg_backend_pid(), extract(epoch from pg_catalog.transaction_timestamp()));
end
$$;
revoke execute on function private.membership_binding() from public, anon, authenticated, service_role;

-- PL/pgSQL from here on, so a call is not parsed and planned again each time (a SQL function
-- with a SET clause is never inlined, and PostgreSQL 15 plans its body on every call).
create or replace function private.active_workspace() returns uuid
language plpgsql stable set search_path = ''
as $$
declare
  setting constant text := pg_catalog.current_setting('app.workspace_id', true);
begin
  return case when setting ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then setting::uuid end;
end
$$;

-- The membership helpers' one implementation (same answers as 20261123170000): the sealed
-- memberships when app.memberships verifies, else the lookup.
create function private.member_workspace_ids(wanted_role text) returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
declare
  sealed constant text[] := pg_catalog.string_to_array(pg_catalog.current_setting('app.memberships', true), '|');
  me uuid;
  active uuid;
begin
  if pg_catalog.cardinality(sealed) = 7
     and sealed[7] = private.request_mac(pg_catalog.array_to_string(sealed[1:6], '|'))
     and pg_catalog.array_to_string(sealed[1:4], '|') = private.membership_binding() then
    return pg_catalog.array_remove(pg_catalog.string_to_array(
      case wanted_role when 'owner' then sealed[5] when 'accountant' then sealed[6] else sealed[5] || ',' || sealed[6] end, ','), '')::uuid[];
  end if;
  me := auth.uid();
  active := private.active_workspace();
  -- A tombstoned account is a member of nothing (see account_tombstones).
  if me is null or exists (select from private.account_deletions d where d.user_id = me) then
    return '{}'::uuid[];
  end if;
  return array(
    select m.workspace_id from public.workspace_members m
    where m.user_id = me
      and (wanted_role is null or m.role = wanted_role)
      and (active is null or m.workspace_id = active));
end
$$;
comment on function private.member_workspace_ids(text) is 'Workspaces the current user holds the role in (null: any role), narrowed to the active one; none while the account is a tombstone. Read from the sealed app.memberships when it verifies.';
revoke execute on function private.member_workspace_ids(text) from public, anon, service_role;
grant execute on function private.member_workspace_ids(text) to authenticated;

create or replace function private.member_workspaces(wanted_role text) returns setof uuid
language plpgsql stable set search_path = '' rows 3
as $$
begin
  return query select pg_catalog.unnest(private.member_workspace_ids(wanted_role));
end
$$;

create or replace function private.my_workspaces() returns setof uuid
language plpgsql stable set search_path = '' rows 3
as $$
begin
  return query select pg_catalog.unnest(private.member_workspace_ids(null));
end
$$;

create or replace function private.my_owned_workspaces() returns setof uuid
language plpgsql stable set search_path = '' rows 1
as $$
begin
  return query select pg_catalog.unnest(private.member_workspace_ids('owner'));
end
$$;

create or replace function private.my_accountant_workspaces() returns setof uuid
language plpgsql stable set search_path = '' rows 3
as $$
begin
  return query select pg_catalog.unnest(private.member_workspace_ids('accountant'));
end
$$;

-- The same sets as arrays, for policies that compare with `= any ((select …)::uuid[])`: evaluated once per
-- statement (an init plan), and an index condition on workspace_id instead of a hash probe per row.
create function private.owned_workspace_ids() returns uuid[]
language plpgsql stable set search_path = ''
as $$
begin
  return private.member_workspace_ids('owner');
end
$$;
comment on function private.owned_workspace_ids() is 'private.my_owned_workspaces() as an array, for policies.';

create function private.accountant_workspace_ids() returns uuid[]
language plpgsql stable set search_path = ''
as $$
begin
  return private.member_workspace_ids('accountant');
end
$$;
comment on function private.accountant_workspace_ids() is 'private.my_accountant_workspaces() as an array, for policies.';
revoke execute on function private.owned_workspace_ids(), private.accountant_workspace_ids() from public, anon, service_role;
grant execute on function private.owned_workspace_ids(), private.accountant_workspace_ids() to authenticated;

-- The reads a page makes most (hours, the map, invoices, client details), same conditions as before.
alter policy time_entries_select on public.time_entries
  using (workspace_id = any ((select private.owned_workspace_ids())::uuid[]));
alter policy nodes_select on public.nodes
  using (workspace_id = any ((select private.owned_workspace_ids())::uuid[]));
alter policy invoices_select on public.invoices
  using (workspace_id = any ((select private.owned_workspace_ids())::uuid[])
         or (status <> 'draft' and workspace_id = any ((select private.accountant_workspace_ids())::uuid[])));
alter policy client_details_select on public.client_details
  using (workspace_id = any ((select private.owned_workspace_ids())::uuid[])
         or (workspace_id = any ((select private.accountant_workspace_ids())::uuid[])
             and node_id in (select i.client_node_id from public.invoices i where i.status <> 'draft')));

-- Same answer as 20261201150000, with its plan kept by the session.
create or replace function private.session_is_live() returns boolean
language plpgsql stable security definer set search_path = ''
as $$
declare
  session text := auth.jwt() ->> 'session_id';
begin
  return coalesce(session, '') ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
     and exists (
       select from auth.sessions s
        where s.id = session::uuid
          and s.user_id = auth.uid()
          and (s.not_after is null or s.not_after > pg_catalog.now())
     );
end
$$;

-- The opening of a request (lib/db/transaction.ts), called right after the role and the verified
-- claims are set: whether the token's session is live (skipped for scripts, whose users have no
-- sign-in), the workspace to act in (the preferred one if the user is a member, else the one they
-- own, else their first; none while the account is a tombstone), made the active one when
-- `narrow`, the memberships sealed into app.memberships for the policies, and with `frame` what
-- the layout shows: every membership (before narrowing) and the pending deletion; and whether the
-- session still owes its second factor (the app then shows the second step).
create function private.open_request(preferred uuid, narrow boolean, check_session boolean, frame boolean)
returns table (live boolean, id uuid, role text, memberships json, requested_at timestamptz, purge_after timestamptz,
               second_factor_due boolean)
language plpgsql volatile security definer set search_path = ''
as $$
declare
  me constant uuid := auth.uid();
  tombstoned boolean;
  ids uuid[];
  roles text[];
  active uuid;
  owned text[] := '{}'::text[];
  accountant text[] := '{}'::text[];
  message text;
begin
  live := not check_session or private.session_is_live();
  if not live or me is null then
    return next;
    return;
  end if;
  -- The account has a verified factor the session has not used: every policy refuses it.
  second_factor_due := not private.second_factor_satisfied();
  -- One lookup: the tombstone, and the memberships in the order of preference.
  select d.requested_at, d.purge_after, d.user_id is not null,
         array_agg(m.workspace_id order by m.workspace_id = preferred desc nulls last, m.role = 'owner' desc, m.created_at)
           filter (where m.workspace_id is not null),
         array_agg(m.role order by m.workspace_id = preferred desc nulls last, m.role = 'owner' desc, m.created_at)
           filter (where m.workspace_id is not null)
    into requested_at, purge_after, tombstoned, ids, roles
    from (select) one
    left join private.account_deletions d on d.user_id = me
    left join public.workspace_members m on m.user_id = me and d.user_id is null
   group by d.requested_at, d.purge_after, d.user_id;
  id := ids[1];
  role := roles[1];
  if frame then
    select coalesce(json_agg(json_build_object('id', w.id, 'name', w.name, 'role', m.role, 'createdAt', w.created_at)
                    order by m.role = 'owner' desc, w.created_at), '[]')
      into memberships
      from public.workspaces w join public.workspace_members m on m.workspace_id = w.id
     where m.user_id = me and not tombstoned;
  end if;
  if narrow and id is not null then
    perform pg_catalog.set_config('app.workspace_id', id::text, true);
  end if;
  active := private.active_workspace();
  for i in 1 .. coalesce(pg_catalog.cardinality(ids), 0) loop
    continue when active is not null and ids[i] <> active;
    if roles[i] = 'owner' then
      owned := owned || ids[i]::text;
    else
      accountant := accountant || ids[i]::text;
    end if;
  end loop;
  message := pg_catalog.concat_ws('|', private.membership_binding(), pg_catalog.array_to_string(owned, ','),
                                  pg_catalog.array_to_string(accountant, ','));
  perform pg_catalog.set_config('app.memberships', message || '|' || private.request_mac(message), true);
  return next;
end
$$;
comment on function private.open_request(uuid, boolean, boolean, boolean) is 'A request''s opening in one call: session live?, the workspace to act in (made active when narrow), the sealed memberships for the policies, with frame the memberships and pending deletion the layout shows, and whether the session owes its second factor.';
revoke execute on function private.open_request(uuid, boolean, boolean, boolean) from public, anon, service_role;
grant execute on function private.open_request(uuid, boolean, boolean, boolean) to authenticated;

-- A membership or tombstone written in this transaction: forget the sealed memberships, so the
-- rest of the transaction looks them up (accepting an invitation, creating a workspace,
-- requesting deletion take effect at once).
create function private.forget_memberships() returns trigger
language plpgsql set search_path = ''
as $$
begin
  perform pg_catalog.set_config('app.memberships', '', true);
  return null;
end
$$;
revoke execute on function private.forget_memberships() from public, anon, authenticated, service_role;

create trigger workspace_members_forget_memberships after insert or update or delete or truncate on public.workspace_members
  for each statement execute function private.forget_memberships();
create trigger account_deletions_forget_memberships after insert or update or delete or truncate on private.account_deletions
  for each statement execute function private.forget_memberships();
