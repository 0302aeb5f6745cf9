-- Platform bootstrap, part 3c: auth.mfa_amr_claims, the authentication methods a session has
-- proved (password, totp, …), from which Auth derives the access token's `amr` and `aal`, with
-- hosted Auth's names and constraints; and the indexes hosted Auth keeps on the MFA tables.
-- Its own file because it came after the first release: the stand-in also runs it on data folders
-- made before it (bootstrap.ts platformAdditionsSql), so it must stay idempotent.

create table if not exists auth.mfa_amr_claims (
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  authentication_method text not null,
  id uuid not null constraint amr_id_pk primary key,
  constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
);
comment on table auth.mfa_amr_claims is 'auth: stores authenticator method reference claims for multi factor authentication';

create unique index if not exists mfa_factors_user_friendly_name_unique on auth.mfa_factors (friendly_name, user_id) where trim(friendly_name) <> '';
create index if not exists factor_id_created_at_idx on auth.mfa_factors (user_id, created_at);
create index if not exists mfa_challenge_created_at_idx on auth.mfa_challenges (created_at desc);

alter table auth.mfa_amr_claims owner to supabase_auth_admin;
alter table auth.mfa_factors enable row level security;
alter table auth.mfa_challenges enable row level security;
alter table auth.mfa_amr_claims enable row level security;
grant all on auth.mfa_amr_claims to service_role;

-- Hosted projects let the migration role read the MFA tables (a policy function owned by it
-- reads auth.mfa_factors); where that role exists here, it may too.
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'postgres') then
    grant select on auth.mfa_factors, auth.mfa_challenges, auth.mfa_amr_claims to postgres;
  end if;
end
$$;
