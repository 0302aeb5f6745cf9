-- Accountant invitations (issue 6). The owner invites an accountant by email; the emailed link
-- carries a random token that is stored only as its sha256, is single-use, valid 7 days and
-- revocable. Accepting makes the signed-in user a workspace member with role 'accountant'.
-- Nobody writes invitations or memberships directly: only the functions below, which check the
-- caller explicitly. Every step is in the audit log (audit triggers on invitations and
-- workspace_members; the token hash is redacted there).
--
-- Decision: the invitation is bound to its email address. accept_invitation() refuses a user
-- signed in with another address, so a forwarded or leaked link grants nothing; the owner's
-- access list therefore always shows the address they invited.

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  email text not null constraint invitations_email_valid check (email ~ '^[^@\s]+@[^@\s]+$' and char_length(email) <= 320),
  token_hash bytea not null constraint invitations_token_hash_length check (octet_length(token_hash) = 32),
  invited_by uuid,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid,
  revoked_at timestamptz,
  constraint invitations_token_hash_unique unique (token_hash),
  constraint invitations_single_outcome check (accepted_at is null or revoked_at is null)
);
comment on table public.invitations is 'Invitations of accountants to a workspace. Owner reads; written only by create_invitation, revoke_invitation and accept_invitation.';
comment on column public.invitations.email is 'Address invited (lower case); only a user signed in with this address can accept.';
comment on column public.invitations.token_hash is 'sha256 of the link token; the token itself is never stored.';
comment on column public.invitations.invited_by is 'auth.uid() of the owner who invited (no foreign key: history outlives accounts).';
comment on column public.invitations.expires_at is 'The link works until then (7 days after creation).';
comment on column public.invitations.accepted_by is 'The user who accepted and became accountant.';
comment on column public.invitations.revoked_at is 'Set when the owner withdrew the invitation; the link then does nothing.';
create index invitations_workspace_id_created_at_idx on public.invitations (workspace_id, created_at desc);

alter table public.invitations enable row level security;
create policy invitations_select on public.invitations for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));

create trigger invitations_audit after insert or update or delete on public.invitations
  for each row execute function private.audit_row('id', 'token_hash');

-- The one workspace the caller acts in as owner (the active one), or a refusal.
create function private.owned_workspace_or_refuse() returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  ws uuid;
begin
  select w into ws from private.my_owned_workspaces() w limit 1;
  if ws is null then
    raise exception 'not_workspace_owner' using errcode = '42501';
  end if;
  return ws;
end
$$;

create function private.invitation_token_hash(token text) returns bytea
language sql immutable set search_path = ''
as $$ select pg_catalog.sha256(pg_catalog.convert_to(coalesce(token, ''), 'UTF8')) $$;

create function private.create_invitation(invitee text) returns table (invitation_id uuid, token text)
language plpgsql volatile security definer set search_path = ''
as $$
declare
  ws uuid := private.owned_workspace_or_refuse();
  raw text;
  addr text := pg_catalog.lower(pg_catalog.btrim(invitee));
begin
  if exists (select 1 from public.workspace_members m join auth.users u on u.id = m.user_id
              where m.workspace_id = ws and pg_catalog.lower(u.email) = addr) then
    raise exception 'invitation_already_member' using errcode = '23505';
  end if;
  -- 32 random bytes from two v4 uuids' random bits (pg_strong_random), base64url without padding.
  raw := pg_catalog.rtrim(pg_catalog.translate(pg_catalog.encode(pg_catalog.decode(
           pg_catalog.replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '+/', '-_'), '=');
  insert into public.invitations (workspace_id, email, token_hash, invited_by, expires_at)
    values (ws, addr, private.invitation_token_hash(raw), auth.uid(), pg_catalog.now() + interval '7 days')
    returning id into invitation_id;
  token := raw;
  return next;
end
$$;

create function private.revoke_invitation(target uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  ws uuid := private.owned_workspace_or_refuse();
begin
  update public.invitations i set revoked_at = pg_catalog.now()
   where i.id = target and i.workspace_id = ws and i.accepted_at is null and i.revoked_at is null;
  if not found then
    raise exception 'invitation_not_found' using errcode = 'P0002';
  end if;
end
$$;

-- What the invitation page shows the signed-in visitor before they accept; nothing without the token.
create function private.invitation_status(token text) returns table (status text, workspace_name text, email text)
language sql stable security definer set search_path = ''
as $$
  select case when i.revoked_at is not null then 'revoked'
              when i.accepted_at is not null then 'used'
              when i.expires_at <= pg_catalog.now() then 'expired'
              else 'valid' end,
         w.name, i.email
    from public.invitations i join public.workspaces w on w.id = i.workspace_id
   where i.token_hash = private.invitation_token_hash(token)
$$;

create function private.accept_invitation(token text) returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  inv public.invitations;
  me uuid := auth.uid();
  my_email text;
begin
  if me is null then
    raise exception 'invitation_invalid' using errcode = '42501';
  end if;
  select * into inv from public.invitations i where i.token_hash = private.invitation_token_hash(token) for update;
  if not found then raise exception 'invitation_invalid' using errcode = 'P0002'; end if;
  if inv.revoked_at is not null then raise exception 'invitation_revoked' using errcode = '55000'; end if;
  if inv.accepted_at is not null then raise exception 'invitation_used' using errcode = '55000'; end if;
  if inv.expires_at <= pg_catalog.now() then raise exception 'invitation_expired' using errcode = '55000'; end if;
  select pg_catalog.lower(u.email) into my_email from auth.users u where u.id = me;
  if my_email is distinct from inv.email then
    raise exception 'invitation_email_mismatch' using errcode = '42501';
  end if;
  if exists (select 1 from public.workspace_members m where m.workspace_id = inv.workspace_id and m.user_id = me) then
    raise exception 'invitation_already_member' using errcode = '23505';
  end if;
  insert into public.workspace_members (workspace_id, user_id, role) values (inv.workspace_id, me, 'accountant');
  update public.invitations i set accepted_at = pg_catalog.now(), accepted_by = me where i.id = inv.id;
  return inv.workspace_id;
end
$$;

create function private.remove_accountant(target uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  ws uuid := private.owned_workspace_or_refuse();
begin
  delete from public.workspace_members m where m.workspace_id = ws and m.user_id = target and m.role = 'accountant';
  if not found then
    raise exception 'accountant_not_found' using errcode = 'P0002';
  end if;
end
$$;

-- Who can reach the owner's workspace: members with their sign-in address (auth.users is not
-- readable by API roles).
create function private.workspace_access() returns table (user_id uuid, email text, role text, since timestamptz)
language plpgsql stable security definer set search_path = ''
as $$
declare
  ws uuid := private.owned_workspace_or_refuse();
begin
  return query
    select m.user_id, u.email::text, m.role, m.created_at
      from public.workspace_members m join auth.users u on u.id = m.user_id
     where m.workspace_id = ws
     order by m.role = 'owner' desc, m.created_at;
end
$$;

grant execute on function private.owned_workspace_or_refuse(), private.invitation_token_hash(text),
  private.create_invitation(text), private.revoke_invitation(uuid), private.accept_invitation(text),
  private.remove_accountant(uuid), private.workspace_access() to authenticated;
grant execute on function private.invitation_status(text) to authenticated;

create function public.create_invitation(email text) returns table (invitation_id uuid, token text)
language sql volatile security invoker set search_path = ''
as $$ select * from private.create_invitation(email) $$;
comment on function public.create_invitation(text) is 'Owner only: invites an accountant by email to the active workspace; returns the link token once (only its sha256 is kept), valid 7 days.';

create function public.revoke_invitation(invitation_id uuid) returns void
language sql volatile security invoker set search_path = ''
as $$ select private.revoke_invitation(invitation_id) $$;
comment on function public.revoke_invitation(uuid) is 'Owner only: withdraws a pending invitation; its link then does nothing.';

create function public.invitation_status(token text) returns table (status text, workspace_name text, email text)
language sql stable security invoker set search_path = ''
as $$ select * from private.invitation_status(token) $$;
comment on function public.invitation_status(text) is 'valid, expired, used or revoked, with the workspace name and invited address; no row for an unknown token.';

create function public.accept_invitation(token text) returns uuid
language sql volatile security invoker set search_path = ''
as $$ select private.accept_invitation(token) $$;
comment on function public.accept_invitation(text) is 'Makes the signed-in user accountant of the invitation''s workspace when the token is valid, unused, unrevoked, unexpired and addressed to their email; returns the workspace id.';

create function public.remove_accountant(user_id uuid) returns void
language sql volatile security invoker set search_path = ''
as $$ select private.remove_accountant(user_id) $$;
comment on function public.remove_accountant(uuid) is 'Owner only: ends an accountant''s access to the active workspace at once.';

create function public.workspace_access() returns table (user_id uuid, email text, role text, since timestamptz)
language sql stable security invoker set search_path = ''
as $$ select * from private.workspace_access() $$;
comment on function public.workspace_access() is 'Owner only: who can reach the active workspace (owner and accountants) with their email.';

grant execute on function public.create_invitation(text), public.revoke_invitation(uuid), public.accept_invitation(text),
  public.remove_accountant(uuid), public.workspace_access() to authenticated;
grant execute on function public.invitation_status(text) to authenticated;
