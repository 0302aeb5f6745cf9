-- Platform bootstrap, part 2: Supabase installs pgcrypto in the `extensions` schema, and seed
-- files written for Supabase hash demo passwords with extensions.crypt().

create schema if not exists extensions;
create extension if not exists pgcrypto with schema extensions;
grant usage on schema extensions to anon, authenticated, service_role;
grant all on schema extensions to postgres;
