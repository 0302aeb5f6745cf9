-- Platform bootstrap, part 5: Supabase's default privileges on the `public` schema, so tables a
-- migration creates are reachable by the API roles and guarded by RLS alone, as on Supabase. Hosted
-- sets them for postgres (its init scripts run as postgres before it is demoted) and for
-- supabase_admin; the migrations here run as postgres too.

grant usage on schema public to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to postgres, anon, authenticated, service_role;
