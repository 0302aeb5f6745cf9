-- Platform bootstrap, part 1: the roles a Supabase project has before any migration, with the
-- powers hosted Supabase gives them (supabase/postgres init scripts and migrations): supabase_admin
-- is the only superuser; postgres, the operator's role and the one the migrations run as, is not,
-- but has CREATEROLE, CREATEDB, REPLICATION and BYPASSRLS, the API roles, and (parts 3 and 4) every
-- privilege on the auth and storage tables without owning them or being a member of their owners.
-- Runs on the embedded PGlite and on the PostgreSQL 15 test cluster; never on hosted Supabase,
-- where these objects already exist. The project's migrations must not create any of them.
-- PGlite has one superuser session, named postgres, which stays a superuser there: on PGlite the
-- strict part is the front door's guard (embedded/wire/guard.ts); PostgreSQL 15 is the strict proof.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'supabase_admin') then
    create role supabase_admin superuser createdb createrole replication bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'postgres') then
    create role postgres login nosuperuser createdb createrole replication bypassrls;
  elsif current_user <> 'postgres' then
    -- The cluster's bootstrap user is supabase_admin; an older cluster may still have a superuser postgres.
    alter role postgres nosuperuser createdb createrole login replication bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  -- The role PostgREST logs in as on Supabase; kept so grants written for Supabase apply here.
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator noinherit login;
  end if;
  -- The Auth and Storage services' own roles on Supabase.
  if not exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') then
    create role supabase_auth_admin noinherit createrole login;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_storage_admin') then
    create role supabase_storage_admin noinherit createrole login;
  end if;
  -- Hosted revoked these memberships: postgres manages policies on auth and storage tables through
  -- supautils (part 6 here), not as a member of their owners.
  if current_user <> 'postgres' and pg_has_role('postgres', 'supabase_auth_admin', 'member') then
    revoke supabase_auth_admin from postgres;
  end if;
  if current_user <> 'postgres' and pg_has_role('postgres', 'supabase_storage_admin', 'member') then
    revoke supabase_storage_admin from postgres;
  end if;
end
$$;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to supabase_storage_admin;
grant anon, authenticated, service_role to postgres;
grant pg_read_all_data, pg_signal_backend, pg_monitor to postgres;

-- Hosted Supabase's database belongs to postgres (so does the public schema, pg_database_owner's).
do $$
begin
  if current_user <> 'postgres' then
    execute format('alter database %I owner to postgres', current_database());
  end if;
end
$$;
