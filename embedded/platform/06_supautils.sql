-- Platform bootstrap, part 6: what hosted Supabase's supautils extension lets postgres do on tables
-- it does not own. Its policy_grants setting lets postgres create, alter and drop RLS policies on
-- auth.users, auth.sessions, auth.identities, auth.refresh_tokens, auth.audit_log_entries,
-- storage.buckets and storage.objects (so a migration can write storage policies); every other DDL
-- on them stays the owner's ("must be owner of table objects"). supautils is a C hook; plain
-- PostgreSQL has no such hook, so here the table is lent to postgres for the one policy statement:
-- a ddl_command_start trigger hands ownership over, the ddl_command_end trigger hands it back, with
-- the borrower's grants, in the same transaction (a failed statement rolls the loan back with it). Superusers are left alone,
-- which is every session on PGlite.

create table if not exists extensions.supautils_policy_grants (
  grantee name not null,
  relation regclass not null,
  primary key (grantee, relation)
);
comment on table extensions.supautils_policy_grants is
  'Stand-in for supautils.policy_grants: tables whose RLS policies grantee may manage without owning them.';
revoke all on extensions.supautils_policy_grants from public;

insert into extensions.supautils_policy_grants (grantee, relation)
select 'postgres', t::regclass
from unnest(array[
  'auth.audit_log_entries', 'auth.identities', 'auth.refresh_tokens', 'auth.sessions', 'auth.users',
  'storage.buckets', 'storage.objects'
]) as t
on conflict do nothing;

-- Who issued the statement: security definer hides it from current_user, the role setting does not.
create or replace function extensions.supautils_invoker() returns name
language sql stable
set search_path = ''
as $$
  select coalesce(nullif(pg_catalog.current_setting('role'), 'none'), pg_catalog.session_user())::name
$$;

-- The loans of the running statement: who owned the table and which grants the borrower held
-- (handing a table over folds the borrower's own grants into ownership, so they are given back).
create table if not exists extensions.supautils_loans (
  relation regclass primary key,
  owner regrole not null,
  borrower_grants text[] not null
);
comment on table extensions.supautils_loans is 'Tables lent to postgres for the policy statement running now; empty between statements.';
revoke all on extensions.supautils_loans from public;

create or replace function extensions.supautils_lend_for_policy() returns event_trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  invoker name := extensions.supautils_invoker();
  grant_row record;
begin
  if exists (select from extensions.supautils_loans)
    or (select rolsuper from pg_catalog.pg_roles where rolname = invoker) then
    return;
  end if;
  for grant_row in
    select g.relation, c.relowner::regrole as owner,
      coalesce((
        select pg_catalog.array_agg(a.privilege_type || case when a.is_grantable then ':grantable' else '' end)
        from pg_catalog.aclexplode(c.relacl) a
        where a.grantee = (select oid from pg_catalog.pg_roles where rolname = invoker)
      ), '{}') as borrower_grants
    from extensions.supautils_policy_grants g
    join pg_catalog.pg_class c on c.oid = g.relation
    where g.grantee = invoker
  loop
    insert into extensions.supautils_loans values (grant_row.relation, grant_row.owner, grant_row.borrower_grants);
    execute pg_catalog.format('alter table %s owner to %I', grant_row.relation, invoker);
  end loop;
end
$$;

create or replace function extensions.supautils_take_back() returns event_trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  invoker name := extensions.supautils_invoker();
  loan record;
  privilege text;
begin
  for loan in delete from extensions.supautils_loans returning * loop
    execute pg_catalog.format('alter table %s owner to %s', loan.relation, loan.owner);
    foreach privilege in array loan.borrower_grants loop
      execute pg_catalog.format('grant %s on %s to %I%s', pg_catalog.split_part(privilege, ':', 1), loan.relation, invoker,
        case when privilege like '%:grantable' then ' with grant option' else '' end);
    end loop;
  end loop;
end
$$;

revoke all on function extensions.supautils_invoker(), extensions.supautils_lend_for_policy(), extensions.supautils_take_back() from public;

drop event trigger if exists supautils_lend_for_policy;
create event trigger supautils_lend_for_policy on ddl_command_start
  when tag in ('CREATE POLICY', 'ALTER POLICY', 'DROP POLICY')
  execute function extensions.supautils_lend_for_policy();
drop event trigger if exists supautils_take_back;
create event trigger supautils_take_back on ddl_command_end
  when tag in ('CREATE POLICY', 'ALTER POLICY', 'DROP POLICY')
  execute function extensions.supautils_take_back();

-- supautils' privileged_role_allowed_configs: the superuser-only settings postgres may set on
-- hosted (restoring data with triggers off, logging). PostgreSQL 15 can grant that natively.
grant set on parameter session_replication_role, track_io_timing, log_lock_waits, log_min_messages to postgres;
