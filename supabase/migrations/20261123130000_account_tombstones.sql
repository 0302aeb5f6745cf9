-- Account deletion as the privacy notice promises it: a request makes the account a 30-day
-- tombstone. While it lasts the user can sign in but the database shows them nothing (every
-- membership helper returns no workspace), so "restore" is the only thing left to do; the
-- retention job (next migration) purges the account when the 30 days are over.
-- Also the user's own security events (export, deletion, restore) and their security log, which
-- joins those with Supabase Auth's audit entries and accountant-access changes.

create table private.account_deletions (
  user_id uuid primary key references auth.users (id) on delete cascade,
  requested_at timestamptz not null default now(),
  purge_after timestamptz not null,
  constraint account_deletions_purge_after_request check (purge_after > requested_at)
);
comment on table private.account_deletions is 'Tombstones: accounts whose owner asked for deletion. Until purge_after the owner may restore; then run_retention() purges.';
comment on column private.account_deletions.purge_after is 'requested_at + 30 days: from then on the account is purged irreversibly.';
create index account_deletions_purge_after_idx on private.account_deletions (purge_after);

create table private.account_events (
  id bigint generated always as identity primary key,
  user_id uuid not null,
  event text not null constraint account_events_event_valid
    check (event in ('data_exported', 'deletion_requested', 'account_restored', 'login_failed')),
  occurred_at timestamptz not null default now()
);
comment on table private.account_events is 'Security events the app records about an account (export, deletion request, restore, failed sign-in); shown in the user''s security log, removed with the account and after 24 months.';
comment on column private.account_events.user_id is 'The account; no foreign key so a purge can remove the events explicitly, in order.';
create index account_events_user_id_idx on private.account_events (user_id, occurred_at desc);
create index account_events_occurred_at_idx on private.account_events (occurred_at);

-- The days a tombstone lasts, in one place (the privacy notice names this function).
create function private.tombstone_days() returns integer
language sql immutable set search_path = ''
as $$ select 30 $$;
comment on function private.tombstone_days() is 'Days between a deletion request and the irreversible purge (privacy notice: 30).';

-- Membership helpers as before, but a tombstoned user is a member of nothing: every policy that
-- uses them shows and allows nothing.
create or replace function private.my_workspaces() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 3
as $$
begin
  return query
    select m.workspace_id from public.workspace_members m
    where m.user_id = auth.uid()
      and (private.active_workspace() is null or m.workspace_id = private.active_workspace())
      and not exists (select 1 from private.account_deletions d where d.user_id = m.user_id);
end
$$;

create or replace function private.my_owned_workspaces() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 1
as $$
begin
  return query
    select m.workspace_id from public.workspace_members m
    where m.user_id = auth.uid() and m.role = 'owner'
      and (private.active_workspace() is null or m.workspace_id = private.active_workspace())
      and not exists (select 1 from private.account_deletions d where d.user_id = m.user_id);
end
$$;

create or replace function private.my_accountant_workspaces() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 3
as $$
begin
  return query
    select m.workspace_id from public.workspace_members m
    where m.user_id = auth.uid() and m.role = 'accountant'
      and (private.active_workspace() is null or m.workspace_id = private.active_workspace())
      and not exists (select 1 from private.account_deletions d where d.user_id = m.user_id);
end
$$;

create function private.require_uid() returns uuid
language plpgsql stable set search_path = ''
as $$
begin
  if auth.uid() is null then
    raise exception 'not_signed_in' using errcode = '42501';
  end if;
  return auth.uid();
end
$$;

create function private.request_account_deletion() returns timestamptz
language plpgsql volatile security definer set search_path = ''
as $$
declare
  me uuid := private.require_uid();
  until timestamptz;
begin
  insert into private.account_deletions (user_id, requested_at, purge_after)
    values (me, pg_catalog.now(), pg_catalog.now() + pg_catalog.make_interval(days => private.tombstone_days()))
    on conflict (user_id) do nothing;
  if found then
    insert into private.account_events (user_id, event) values (me, 'deletion_requested');
  end if;
  select d.purge_after into until from private.account_deletions d where d.user_id = me;
  return until;
end
$$;

create function private.restore_account() returns boolean
language plpgsql volatile security definer set search_path = ''
as $$
declare
  me uuid := private.require_uid();
begin
  delete from private.account_deletions d where d.user_id = me and d.purge_after > pg_catalog.now();
  if not found then
    return false;
  end if;
  insert into private.account_events (user_id, event) values (me, 'account_restored');
  return true;
end
$$;

create function private.my_account_deletion() returns table (requested_at timestamptz, purge_after timestamptz)
language sql stable security definer set search_path = ''
as $$
  select d.requested_at, d.purge_after from private.account_deletions d where d.user_id = auth.uid()
$$;

create function private.record_data_export() returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
  insert into private.account_events (user_id, event) values (private.require_uid(), 'data_exported');
end
$$;

-- A failed password sign-in, recorded by the app's sign-in action (signed out, so as anon): hosted
-- Auth does not log failures where the user can see them. At most 20 per account in 5 minutes, so
-- calling it directly cannot flood anyone's log; says nothing about whether the address exists.
create function private.record_failed_sign_in(attempted_email text) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  target uuid;
begin
  select u.id into target from auth.users u where pg_catalog.lower(u.email) = pg_catalog.lower(attempted_email) limit 1;
  if target is null then
    return;
  end if;
  if (select count(*) from private.account_events a
       where a.user_id = target and a.event = 'login_failed' and a.occurred_at > pg_catalog.now() - interval '5 minutes') >= 20 then
    return;
  end if;
  insert into private.account_events (user_id, event) values (target, 'login_failed');
end
$$;
grant usage on schema private to anon;
grant execute on function private.record_failed_sign_in(text) to anon, authenticated;

-- Auth's entries about the user (GoTrue's payload shape: actor_id, action, traits), the app's
-- account events, and accountants gaining or losing access to the user's workspaces (the owner's
-- own membership is not news to them).
create function private.my_security_log(max_rows integer) returns table (
  occurred_at timestamptz, source text, action text, ip_address text, details jsonb
)
language sql stable security definer set search_path = ''
as $$
  select * from (
    select e.created_at, 'auth'::text, e.payload ->> 'action', nullif(e.ip_address, ''),
           coalesce((e.payload -> 'traits')::jsonb, '{}'::jsonb) - 'email_changed_from'
      from auth.audit_log_entries e
     where e.payload ->> 'actor_id' = auth.uid()::text
       and e.payload ->> 'action' <> 'login_failed' -- the app records failures itself, on every backend
    union all
    select a.occurred_at, 'app', a.event, null, '{}'::jsonb
      from private.account_events a where a.user_id = auth.uid()
    union all
    select l.occurred_at, 'access', l.table_name || '_' || l.action, null,
           pg_catalog.jsonb_build_object('role', coalesce(l.new_values, l.old_values) ->> 'role')
      from public.audit_log l
     where l.workspace_id in (select private.my_owned_workspaces())
       and (l.table_name like '%invitation%'
            or (l.table_name = 'workspace_members' and coalesce(l.new_values, l.old_values) ->> 'role' = 'accountant'))
  ) s (occurred_at, source, action, ip_address, details)
  order by 1 desc
  limit least(greatest(max_rows, 1), 500)
$$;

grant execute on function private.require_uid(), private.request_account_deletion(), private.restore_account(),
  private.my_account_deletion(), private.record_data_export(), private.my_security_log(integer) to authenticated;

create function public.request_account_deletion() returns timestamptz
language sql volatile security invoker set search_path = ''
as $$ select private.request_account_deletion() $$;
comment on function public.request_account_deletion() is 'Makes the caller''s account a tombstone for 30 days (the app confirms the password first); returns when it will be purged.';

create function public.restore_account() returns boolean
language sql volatile security invoker set search_path = ''
as $$ select private.restore_account() $$;
comment on function public.restore_account() is 'Removes the caller''s tombstone while the 30 days last; false when there was none to restore.';

create function public.my_account_deletion() returns table (requested_at timestamptz, purge_after timestamptz)
language sql stable security invoker set search_path = ''
as $$ select * from private.my_account_deletion() $$;
comment on function public.my_account_deletion() is 'The caller''s pending deletion (one row) or no row.';

create function public.record_data_export() returns void
language sql volatile security invoker set search_path = ''
as $$ select private.record_data_export() $$;
comment on function public.record_data_export() is 'Notes in the caller''s security log that they exported their data.';

create function public.my_security_log(max_rows integer default 100) returns table (
  occurred_at timestamptz, source text, action text, ip_address text, details jsonb
)
language sql stable security invoker set search_path = ''
as $$ select * from private.my_security_log(max_rows) $$;
comment on function public.my_security_log(integer) is 'The caller''s security log, newest first: sign-ins (also failed), password and email changes, exports, deletion and restore, accountant access.';

create function public.record_failed_sign_in(attempted_email text) returns void
language sql volatile security invoker set search_path = ''
as $$ select private.record_failed_sign_in(attempted_email) $$;
comment on function public.record_failed_sign_in(text) is 'Notes a failed password sign-in in the account''s security log (if the address has an account; rate-limited).';
grant execute on function public.record_failed_sign_in(text) to anon, authenticated;

grant execute on function public.request_account_deletion(), public.restore_account(), public.my_account_deletion(),
  public.record_data_export(), public.my_security_log(integer) to authenticated;
