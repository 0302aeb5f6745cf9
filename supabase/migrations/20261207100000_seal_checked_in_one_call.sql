-- The policies' membership check in one call (issue 15; same answers as 20261205100000).
-- A policy's check was four nested calls (owned_workspace_ids → member_workspace_ids →
-- sealed_request → request_seal), each a function with its own search_path to set and restore.
-- Measured on PostgreSQL 15, side by side, the statement `select (select
-- private.owned_workspace_ids())` planned and run in the server: 19.2 µs through the four calls,
-- 15.3 µs with the seal checked inside member_workspace_ids (`select 1`: 3.7 µs). member_workspace_ids therefore computes the MAC itself, by the
-- formula of private.request_seal (which the opening keeps calling once per request): the two
-- must stay alike, and tests/db/membership-seal.test.ts fails when they do not (a genuine seal
-- would stop counting, and the policies would fall back to the lookup).

create or replace function private.member_workspace_ids(wanted_role text) returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
declare
  sealed constant text[] := pg_catalog.string_to_array(pg_catalog.current_setting('app.memberships', true), '|');
  claims constant text := coalesce(pg_catalog.current_setting('request.jwt.claims', true), '');
  sub constant text := coalesce(pg_catalog.current_setting('request.jwt.claim.sub', true), '');
  active_setting constant text := coalesce(pg_catalog.current_setting('app.workspace_id', true), '');
  pads private.request_key;
  me uuid;
  active uuid;
  assured boolean;
begin
  if pg_catalog.cardinality(sealed) = 3 then
    select * into pads from private.request_key;
    -- private.request_seal(sealed[1] || '|' || sealed[2]), written out: see the header.
    if sealed[3] = pg_catalog.encode(pg_catalog.sha256(pads.outer_pad || pg_catalog.sha256(pads.inner_pad || pg_catalog.convert_to(
         pg_catalog.concat(pg_catalog.length(claims), ':', claims, pg_catalog.length(sub), ':', sub,
                           pg_catalog.length(active_setting), ':', active_setting, pg_catalog.pg_backend_pid(), '@',
                           extract(epoch from pg_catalog.transaction_timestamp()), '|', sealed[1] || '|' || sealed[2]),
         'UTF8'))), 'hex') then
      return pg_catalog.array_remove(pg_catalog.string_to_array(
        case wanted_role when 'owner' then sealed[1] when 'accountant' then sealed[2] else sealed[1] || ',' || sealed[2] end, ','), '')::uuid[];
    end if;
  end if;
  me := auth.uid();
  active := private.active_workspace();
  -- A tombstoned account is a member of nothing (see account_tombstones), nor is a session that
  -- owes its account's second factor.
  if me is null or exists (select from private.account_deletions d where d.user_id = me)
     or not private.second_factor_satisfied() then
    return '{}'::uuid[];
  end if;
  assured := coalesce(auth.jwt() ->> 'aal', '') = 'aal2';
  return array(
    select m.workspace_id from public.workspace_members m join public.workspaces w on w.id = m.workspace_id
    where m.user_id = me
      and (wanted_role is null or m.role = wanted_role)
      and (active is null or m.workspace_id = active)
      and (assured or m.role <> 'accountant' or not w.accountants_need_second_factor));
end
$$;

drop function private.sealed_request();
comment on function private.request_seal(text) is 'The MAC sealing content to this transaction: HMAC-SHA-256 under private.request_key of the claims, sub claim, active workspace, backend and transaction start, then content. The opening seals with it; private.member_workspace_ids checks by the same formula, written out. Whoever could call it would forge app.memberships.';
