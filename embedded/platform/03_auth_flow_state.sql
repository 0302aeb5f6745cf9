-- Platform bootstrap, part 3b: auth.flow_state, where Supabase Auth keeps a PKCE flow between the
-- request that sends an email link (its code_challenge) and the code exchange (/token?grant_type=pkce).
-- Its own file because it came after the first release: the stand-in also runs it on data folders
-- made before it (bootstrap.ts platformAdditionsSql), so it must stay idempotent.

do $$
begin
  if not exists (select 1 from pg_type where typname = 'code_challenge_method' and typnamespace = 'auth'::regnamespace) then
    create type auth.code_challenge_method as enum ('s256', 'plain');
  end if;
end
$$;

create table if not exists auth.flow_state (
  id uuid primary key,
  user_id uuid,
  auth_code text not null,
  code_challenge_method auth.code_challenge_method not null,
  code_challenge text not null,
  provider_type text not null,
  provider_access_token text,
  provider_refresh_token text,
  created_at timestamptz,
  updated_at timestamptz,
  authentication_method text not null,
  auth_code_issued_at timestamptz
);
create index if not exists idx_auth_code on auth.flow_state (auth_code);
create index if not exists idx_user_id_auth_method on auth.flow_state (user_id, authentication_method);
create index if not exists flow_state_created_at_idx on auth.flow_state (created_at desc);
comment on table auth.flow_state is 'stores metadata for pkce logins';

alter table auth.flow_state owner to supabase_auth_admin;
alter table auth.flow_state enable row level security;
revoke all on auth.flow_state from service_role;
grant all on auth.flow_state to postgres;
grant select on auth.flow_state to postgres with grant option;
