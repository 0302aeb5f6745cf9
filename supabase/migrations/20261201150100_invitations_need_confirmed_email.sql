-- An invitation bound to an email address is accepted only by a user who has confirmed that
-- address. Before, the attacker changed their own email to the invitee's (Auth applied it at
-- once) and accepted. Auth now confirms an email change through both addresses before it writes
-- auth.users.email, and this check refuses any account whose address was never confirmed, so the
-- rule holds even where Auth is configured to confirm less.
-- Same function as in 20261123140000_accountant_invitations.sql, plus the confirmation check.

create or replace function private.accept_invitation(token text) returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  inv public.invitations;
  me uuid := auth.uid();
  my_email text;
  confirmed boolean;
begin
  if me is null then
    raise exception 'invitation_invalid' using errcode = '42501';
  end if;
  select * into inv from public.invitations i where i.token_hash = private.invitation_token_hash(token) for update;
  if not found then raise exception 'invitation_invalid' using errcode = 'P0002'; end if;
  if inv.revoked_at is not null then raise exception 'invitation_revoked' using errcode = '55000'; end if;
  if inv.accepted_at is not null then raise exception 'invitation_used' using errcode = '55000'; end if;
  if inv.expires_at <= pg_catalog.now() then raise exception 'invitation_expired' using errcode = '55000'; end if;
  select pg_catalog.lower(u.email), u.email_confirmed_at is not null into my_email, confirmed from auth.users u where u.id = me;
  if my_email is distinct from inv.email then
    raise exception 'invitation_email_mismatch' using errcode = '42501';
  end if;
  if not confirmed then
    raise exception 'invitation_email_unconfirmed' using errcode = '42501';
  end if;
  if exists (select 1 from public.workspace_members m where m.workspace_id = inv.workspace_id and m.user_id = me) then
    raise exception 'invitation_already_member' using errcode = '23505';
  end if;
  insert into public.workspace_members (workspace_id, user_id, role) values (inv.workspace_id, me, 'accountant');
  update public.invitations i set accepted_at = pg_catalog.now(), accepted_by = me where i.id = inv.id;
  return inv.workspace_id;
end
$$;
