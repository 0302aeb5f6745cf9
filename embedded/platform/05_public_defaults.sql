-- Platform bootstrap, part 5: Supabase's default privileges on the `public` schema, so tables a
-- migration creates are reachable by the API roles and guarded by RLS alone, as on Supabase.

grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;

