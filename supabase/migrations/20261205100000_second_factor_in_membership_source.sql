-- The second factor enforced where every policy already reads its workspaces (issues 15 and 18).
-- Issue 18 allowed either restrictive policies or the membership helpers; 20261203110100 chose
-- restrictive policies, which cost two more lookups per table a statement reads (measured side by
-- side on the dashboard totals: 1.71× the bypass with them, 1.34× without). Every permissive
-- policy in public and storage reads its workspaces from private.member_workspace_ids (through
-- my_workspaces, my_owned_workspaces, my_accountant_workspaces and the *_workspace_ids arrays;
-- tests/db/second-factor.test.ts checks that from the catalog), so that one function now answers
-- "none" to a session that owes its second factor, and leaves out the workspaces whose owner
-- requires one of their accountants below aal2:
-- * open_request seals the memberships with those rules applied (the seal is bound to the claims
--   as set, so a token of another assurance level never reads this one's seal);
-- * the lookup without a seal applies the same rules.
-- The statement triggers <table>_second_factor stay: security-definer functions write as the
-- table owner, past every policy.

create or replace function private.member_workspace_ids(wanted_role text) returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
declare
  sealed constant text[] := private.sealed_request();
  me uuid;
  active uuid;
  assured boolean;
begin
  if sealed is not null then
    return pg_catalog.array_remove(pg_catalog.string_to_array(
      case wanted_role when 'owner' then sealed[1] when 'accountant' then sealed[2] else sealed[1] || ',' || sealed[2] end, ','), '')::uuid[];
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
comment on function private.member_workspace_ids(text) is 'Workspaces the current user holds the role in (null: any role), narrowed to the active one; none while the account is a tombstone or the session owes its second factor, and below aal2 not those whose owner requires a second factor of accountants. Read from the sealed app.memberships when it verifies.';

-- The opening of 20261204100000, sealing the memberships with the second-factor rules applied.
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
  needs_factor boolean[];
  assured boolean;
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
  -- The account has a verified factor the session has not used: it is a member of nothing yet.
  second_factor_due := not private.second_factor_satisfied();
  assured := coalesce(auth.jwt() ->> 'aal', '') = 'aal2';
  select d.requested_at, d.purge_after into requested_at, purge_after from private.account_deletions d where d.user_id = me;
  tombstoned := found;
  if not tombstoned then
    select array_agg(m.workspace_id order by m.workspace_id = preferred desc nulls last, m.role = 'owner' desc, m.created_at),
           array_agg(m.role order by m.workspace_id = preferred desc nulls last, m.role = 'owner' desc, m.created_at),
           array_agg(w.accountants_need_second_factor order by m.workspace_id = preferred desc nulls last, m.role = 'owner' desc, m.created_at)
      into ids, roles, needs_factor
      from public.workspace_members m join public.workspaces w on w.id = m.workspace_id
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
  for i in 1 .. case when second_factor_due then 0 else coalesce(pg_catalog.cardinality(ids), 0) end loop
    continue when active is not null and ids[i] <> active;
    if roles[i] = 'owner' then
      owned := owned || ids[i]::text;
    elsif assured or not needs_factor[i] then
      accountant := accountant || ids[i]::text;
    end if;
  end loop;
  sealed := pg_catalog.array_to_string(owned, ',') || '|' || pg_catalog.array_to_string(accountant, ',');
  perform pg_catalog.set_config('app.memberships',
                                sealed || '|' || private.request_seal(sealed), true);
  return next;
end
$$;

-- The restrictive policies <table>_all of 20261203110100 and 20261203180000, now redundant.
do $$
declare
  p record;
begin
  for p in
    select n.nspname, c.relname, pol.polname
      from pg_catalog.pg_policy pol
      join pg_catalog.pg_class c on c.oid = pol.polrelid
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'storage') and not pol.polpermissive and pol.polname = c.relname || '_all'
  loop
    execute pg_catalog.format('drop policy %I on %I.%I', p.polname, p.nspname, p.relname);
  end loop;
end
$$;
drop function private.workspaces_requiring_second_factor();
comment on function private.second_factor_satisfied() is 'Whether the caller''s session meets its account''s assurance: aal2, or an account without a verified factor. The membership source (member_workspace_ids, open_request''s seal) and the write guard call it.';
