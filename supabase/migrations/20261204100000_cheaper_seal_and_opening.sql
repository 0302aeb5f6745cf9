-- A cheaper seal check and a cheaper opening (issue 15; same answers as 20261203160000).
-- * The seal is `owned|accountant|mac`. The MAC covers what the seal is bound to (the claims as
--   set, the legacy sub claim, the active workspace, this backend and the transaction's start),
--   which is recomputed when the seal is read instead of being stored in it: no JSON is parsed to
--   check it, and a change of the claims themselves (not only of the user) makes it stale. Texts
--   an attacker can set are length-prefixed, so no two bindings read alike.
-- * private.request_seal computes the MAC in one call (it replaces request_mac and
--   membership_binding), for the opening and for every check; private.sealed_request() is the one
--   place a seal is verified.
-- * open_request reads the tombstone and the memberships in two index lookups instead of one
--   grouped join.
-- The restrictive second-factor policies (20261203110100) keep their own lookups: sealing the
-- second-factor state too was measured side by side and bought nothing (each check is a
-- security-definer call either way), and they stay independent of the seal.

create function private.request_seal(content text) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  claims constant text := coalesce(pg_catalog.current_setting('request.jwt.claims', true), '');
  sub constant text := coalesce(pg_catalog.current_setting('request.jwt.claim.sub', true), '');
  active constant text := coalesce(pg_catalog.current_setting('app.workspace_id', true), '');
  pads private.request_key;
begin
  select * into pads from private.request_key;
  return pg_catalog.encode(pg_catalog.sha256(pads.outer_pad || pg_catalog.sha256(pads.inner_pad || pg_catalog.convert_to(
    pg_catalog.concat(pg_catalog.length(claims), ':', claims, pg_catalog.length(sub), ':', sub, pg_catalog.length(active), ':', active,
                      pg_catalog.pg_backend_pid(), '@', extract(epoch from pg_catalog.transaction_timestamp()), '|', content),
    'UTF8'))), 'hex');
end
$$;
comment on function private.request_seal(text) is 'The MAC sealing content to this transaction: HMAC-SHA-256 under private.request_key of the claims, sub claim, active workspace, backend and transaction start, then content. Whoever could call it would forge app.memberships.';
revoke execute on function private.request_seal(text) from public, anon, authenticated, service_role;

-- {owned, accountant} from app.memberships when its MAC verifies for this transaction, else null.
create function private.sealed_request() returns text[]
language plpgsql stable security definer set search_path = ''
as $$
declare
  sealed constant text[] := pg_catalog.string_to_array(pg_catalog.current_setting('app.memberships', true), '|');
begin
  if pg_catalog.cardinality(sealed) = 3
     and sealed[3] = private.request_seal(pg_catalog.array_to_string(sealed[1:2], '|')) then
    return sealed[1:2];
  end if;
  return null;
end
$$;
comment on function private.sealed_request() is 'The sealed {owned, accountant} of this transaction''s opening, or null when app.memberships is missing, forged, copied or stale.';
revoke execute on function private.sealed_request() from public, anon, authenticated, service_role;

create or replace function private.member_workspace_ids(wanted_role text) returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
declare
  sealed constant text[] := private.sealed_request();
  me uuid;
  active uuid;
begin
  if sealed is not null then
    return pg_catalog.array_remove(pg_catalog.string_to_array(
      case wanted_role when 'owner' then sealed[1] when 'accountant' then sealed[2] else sealed[1] || ',' || sealed[2] end, ','), '')::uuid[];
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

-- The opening of 20261203160000 with fewer statements and the new seal.
create or replace function private.open_request(preferred uuid, narrow boolean, check_session boolean, frame boolean)
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
  sealed text;
begin
  live := not check_session or private.session_is_live();
  if not live or me is null then
    return next;
    return;
  end if;
  -- The account has a verified factor the session has not used: every policy refuses it.
  second_factor_due := not private.second_factor_satisfied();
  -- The tombstone, then the memberships in the order of preference (two index lookups, cheaper
  -- than the one grouped join 20261203160000 ran).
  select d.requested_at, d.purge_after into requested_at, purge_after from private.account_deletions d where d.user_id = me;
  tombstoned := found;
  if not tombstoned then
    select array_agg(m.workspace_id order by m.workspace_id = preferred desc nulls last, m.role = 'owner' desc, m.created_at),
           array_agg(m.role order by m.workspace_id = preferred desc nulls last, m.role = 'owner' desc, m.created_at)
      into ids, roles
      from public.workspace_members m
     where m.user_id = me;
  end if;
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
  sealed := pg_catalog.array_to_string(owned, ',') || '|' || pg_catalog.array_to_string(accountant, ',');
  perform pg_catalog.set_config('app.memberships',
                                sealed || '|' || private.request_seal(sealed), true);
  return next;
end
$$;

drop function private.request_mac(text);
drop function private.membership_binding();
