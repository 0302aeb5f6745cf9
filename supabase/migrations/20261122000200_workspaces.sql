-- The consultant's business (workspace) and who belongs to it. A workspace, its owner row and
-- its business profile are created by a trigger when Supabase Auth inserts a user, so every
-- signed-in user has one.
--
-- Active workspace: a user may belong to several workspaces (their own, and others' as
-- accountant) but acts in one at a time. The app sets the transaction-local setting
-- `app.workspace_id` (select set_config('app.workspace_id', $1, true)) next to the verified
-- claims; the membership helpers then return only that workspace, so every policy is scoped to
-- it. Unset, they return all of the user's memberships (e.g. to list workspaces to choose from).
-- The setting only narrows: membership is always required, so a forged value shows nothing.

create schema if not exists private;
revoke all on schema private from public;
comment on schema private is 'Not exposed through the API: membership helpers, trigger functions, internal state.';

-- Functions are not executable by everyone unless granted one by one.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;

create table public.workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null default '' constraint workspaces_name_length check (char_length(name) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.workspaces is 'A consultant''s business (enskild firma): the tenant every other row belongs to. Members (owner and accountants) read it; the business profile with bank details is in business_profiles, owner only.';

create table public.workspace_members (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null constraint workspace_members_role_valid check (role in ('owner', 'accountant')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
comment on table public.workspace_members is 'Who may act in a workspace: its owner, and accountants the owner invited (read-only on invoices).';
comment on column public.workspace_members.role is 'owner: full access to workspace data and drafts; accountant: reads sent invoices, credit notes, their lines, events, the invoiced clients'' details and archived PDFs, writes nothing.';
create index workspace_members_user_id_idx on public.workspace_members (user_id);

create table public.business_profiles (
  workspace_id uuid primary key references public.workspaces (id) on delete cascade,
  legal_name text not null default '' constraint business_profiles_legal_name_length check (char_length(legal_name) <= 200),
  org_number text constraint business_profiles_org_number_valid check (public.is_valid_org_number(org_number)),
  vat_number text constraint business_profiles_vat_number_valid check (public.is_valid_se_vat_number(vat_number)),
  f_skatt boolean not null default false,
  address_line1 text,
  address_line2 text,
  postal_code text,
  city text,
  country text not null default 'SE' constraint business_profiles_country_valid check (country ~ '^[A-Z]{2}$'),
  phone text,
  email text constraint business_profiles_email_valid check (email ~ '^[^@\s]+@[^@\s]+$'),
  bankgiro text constraint business_profiles_bankgiro_valid check (public.is_valid_bankgiro(bankgiro)),
  plusgiro text constraint business_profiles_plusgiro_valid check (public.is_valid_plusgiro(plusgiro)),
  iban text constraint business_profiles_iban_valid check (public.is_valid_iban(iban)),
  bic text constraint business_profiles_bic_valid check (public.is_valid_bic(bic)),
  invoice_footer text constraint business_profiles_invoice_footer_length check (char_length(invoice_footer) <= 1000),
  logo_path text,
  default_payment_terms_days integer not null default 30
    constraint business_profiles_payment_terms_range check (default_payment_terms_days between 0 and 365),
  default_hourly_rate_ore bigint constraint business_profiles_hourly_rate_nonnegative check (default_hourly_rate_ore >= 0),
  fiscal_year_start_month smallint not null default 1
    constraint business_profiles_fiscal_year_start_month_range check (fiscal_year_start_month between 1 and 12),
  updated_at timestamptz not null default now()
);
comment on table public.business_profiles is 'The seller details printed on invoices (ML ch. 17): owner only. Accountants see them only as the seller snapshot frozen on each sent invoice.';
comment on column public.business_profiles.org_number is 'Organisationsnummer, for an enskild firma the owner''s personnummer, as NNNNNN-NNNN (Luhn-checked).';
comment on column public.business_profiles.vat_number is 'Momsregistreringsnummer SE + org number + 01.';
comment on column public.business_profiles.f_skatt is 'Holds F-skatt: invoices then print "Godkänd för F-skatt".';
comment on column public.business_profiles.logo_path is 'Object name in the logos bucket ({workspace_id}/...).';
comment on column public.business_profiles.default_hourly_rate_ore is 'Default hourly rate excl. VAT in öre.';
comment on column public.business_profiles.fiscal_year_start_month is 'First month (1-12) of the fiscal year; retention counts from its end.';

-- Membership lookups run as definer so policies on workspace_members do not recurse. Each one
-- honours the active workspace (see the header).
create function private.active_workspace() returns uuid
language sql stable set search_path = ''
as $$
  select case when s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then s::uuid end
  from (select pg_catalog.current_setting('app.workspace_id', true) as s) x
$$;
comment on function private.active_workspace() is 'The workspace the request acts in (transaction setting app.workspace_id), or null when unset.';

create function private.my_workspaces() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.workspace_id from public.workspace_members m
  where m.user_id = (select auth.uid())
    and (private.active_workspace() is null or m.workspace_id = private.active_workspace())
$$;
create function private.my_owned_workspaces() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.workspace_id from public.workspace_members m
  where m.user_id = (select auth.uid()) and m.role = 'owner'
    and (private.active_workspace() is null or m.workspace_id = private.active_workspace())
$$;
create function private.my_accountant_workspaces() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.workspace_id from public.workspace_members m
  where m.user_id = (select auth.uid()) and m.role = 'accountant'
    and (private.active_workspace() is null or m.workspace_id = private.active_workspace())
$$;
comment on function private.my_workspaces() is 'Workspaces the current user is a member of (any role), narrowed to the active one.';
comment on function private.my_owned_workspaces() is 'Workspaces the current user owns, narrowed to the active one.';
comment on function private.my_accountant_workspaces() is 'Workspaces the current user is accountant of, narrowed to the active one.';
grant usage on schema private to authenticated;
grant execute on function private.active_workspace(), private.my_workspaces(), private.my_owned_workspaces(),
  private.my_accountant_workspaces() to authenticated;

alter table public.workspaces enable row level security;
alter table public.workspace_members enable row level security;
alter table public.business_profiles enable row level security;

-- Workspaces are made by the sign-up trigger and removed with the account: no insert/delete.
create policy workspaces_select on public.workspaces for select to authenticated
  using (id in (select private.my_workspaces()));
create policy workspaces_update on public.workspaces for update to authenticated
  using (id in (select private.my_owned_workspaces()))
  with check (id in (select private.my_owned_workspaces()));

-- Accountant rows come with invitations (a later function); nobody writes membership directly.
create policy workspace_members_select on public.workspace_members for select to authenticated
  using (workspace_id in (select private.my_workspaces()));

create policy business_profiles_select on public.business_profiles for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));
create policy business_profiles_update on public.business_profiles for update to authenticated
  using (workspace_id in (select private.my_owned_workspaces()))
  with check (workspace_id in (select private.my_owned_workspaces()));

create function private.touch_updated_at() returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.updated_at := pg_catalog.now();
  return new;
end
$$;
create trigger workspaces_touch before update on public.workspaces
  for each row execute function private.touch_updated_at();
create trigger business_profiles_touch before update on public.business_profiles
  for each row execute function private.touch_updated_at();

create function private.create_workspace_for_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  new_workspace_id uuid;
  business_name text := coalesce(new.raw_user_meta_data ->> 'business_name', '');
begin
  insert into public.workspaces (name) values (left(business_name, 200)) returning id into new_workspace_id;
  insert into public.workspace_members (workspace_id, user_id, role) values (new_workspace_id, new.id, 'owner');
  -- Sign-up must never fail on the profile: an unusual name or email is left for the owner to fill in.
  insert into public.business_profiles (workspace_id, legal_name, email)
    values (new_workspace_id, left(business_name, 200), case when new.email ~ '^[^@\s]+@[^@\s]+$' then new.email end);
  return new;
end
$$;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.create_workspace_for_new_user();
