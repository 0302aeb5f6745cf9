-- An accountant who signs up from an invitation link got a workspace of their own anyway (the
-- sign-up trigger makes one for every new user): after the owner removed their access they landed
-- in an empty "Namnlöst företag" with the owner's menu. Now a sign-up from an invitation
-- (user_metadata.signed_up_for = 'invitation', which lib/accountant sets) gets no workspace; a
-- user without one sees a page saying so, and may start their own business there
-- (public.start_own_workspace). Everyone else is signed up as before.

-- The workspace, owner membership and business profile a new business starts with (the body of
-- the sign-up trigger of 20261202100200_invoice_printable_text.sql, unchanged).
create function private.create_owned_workspace(owner_id uuid, business_name text, owner_email text) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  new_workspace_id uuid;
begin
  business_name := left(pg_catalog.btrim(private.single_line(coalesce(business_name, ''))), 200);
  insert into public.workspaces (name) values (business_name) returning id into new_workspace_id;
  insert into public.workspace_members (workspace_id, user_id, role) values (new_workspace_id, owner_id, 'owner');
  -- Sign-up must never fail on the profile: an unusual name or email is left for the owner to fill in.
  insert into public.business_profiles (workspace_id, legal_name, email)
    values (new_workspace_id, pg_catalog.btrim(pg_catalog.regexp_replace(business_name, '[^\u0020-\u007e\u00a0-\u017f\u0192\u01fa-\u01ff\u0218-\u021b\u02c6-\u02c7\u02c9\u02d8-\u02dd\u037e\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u03ce\u0400-\u045f\u0472-\u0473\u0490-\u0491\u1e80-\u1e85\u1ef2-\u1ef3\u2010-\u2011\u2013-\u2015\u2017-\u201e\u2020-\u2022\u2026\u2030\u2032-\u2033\u2039-\u203a\u203c\u203e\u2044\u207f\u20a3-\u20a4\u20a7\u20ac\u2105\u2113\u2116\u2122\u2126\u212e\u215b-\u215e\u2190-\u2195\u21a8\u2202\u2206\u220f\u2211-\u2212\u2215\u2219-\u221a\u221e-\u221f\u2229\u222b\u2248\u2260-\u2261\u2264-\u2265\u2302\u2310\u2320-\u2321\u2500\u2502\u250c\u2510\u2514\u2518\u251c\u2524\u252c\u2534\u253c\u2550-\u256c\u2580\u2584\u2588\u258c\u2590-\u2593\u25a0-\u25a1\u25aa-\u25ac\u25b2\u25ba\u25bc\u25c4\u25ca-\u25cb\u25cf\u25d8-\u25d9\u25e6\u263a-\u263c\u2640\u2642\u2660\u2663\u2665-\u2666\u266a-\u266c\ufb01-\ufb02]', '', 'g')),
            case when owner_email ~ '^[^@\s]+@[^@\s]+$' and public.is_invoice_printable(owner_email) then owner_email end);
  return new_workspace_id;
end
$$;
comment on function private.create_owned_workspace(uuid, text, text) is 'Creates a workspace owned by the user, with a business profile named and addressed as far as the values are printable; returns its id.';
revoke execute on function private.create_owned_workspace(uuid, text, text) from public;

create or replace function private.create_workspace_for_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- An accountant signing up to accept an invitation works in the inviter's workspace.
  if coalesce(new.raw_user_meta_data ->> 'signed_up_for', '') <> 'invitation' then
    perform private.create_owned_workspace(new.id, new.raw_user_meta_data ->> 'business_name', new.email);
  end if;
  return new;
end
$$;

-- A signed-in user without a business of their own starts one (once: a second is refused).
create function private.start_own_workspace() returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  me uuid := auth.uid();
  my_email text;
begin
  if me is null then
    raise exception 'not_workspace_member' using errcode = '42501';
  end if;
  if exists (select 1 from public.workspace_members m where m.user_id = me and m.role = 'owner') then
    raise exception 'own_workspace_exists' using errcode = '23505';
  end if;
  select u.email into my_email from auth.users u where u.id = me;
  return private.create_owned_workspace(me, '', my_email);
end
$$;
revoke execute on function private.start_own_workspace() from public;
grant execute on function private.start_own_workspace() to authenticated;

create function public.start_own_workspace() returns uuid
language sql volatile security invoker set search_path = ''
as $$ select private.start_own_workspace() $$;
comment on function public.start_own_workspace() is 'Creates a business of their own for the signed-in user who has none (an accountant whose access ended); returns its id.';
revoke execute on function public.start_own_workspace() from public;
grant execute on function public.start_own_workspace() to authenticated;

-- The invitation link's sign-up fills in the invited address: a signed-out visitor holding the
-- link's token (the secret the email carried) may read that address while the invitation is
-- pending, nothing else about it.
create function private.invited_email(token text) returns text
language sql stable security definer set search_path = ''
as $$
  select i.email from public.invitations i
   where i.token_hash = private.invitation_token_hash(token)
     and i.accepted_at is null and i.revoked_at is null and i.expires_at > pg_catalog.now()
$$;
revoke execute on function private.invited_email(text) from public;
grant execute on function private.invited_email(text) to anon, authenticated;

create function public.invited_email(token text) returns text
language sql stable security invoker set search_path = ''
as $$ select private.invited_email(token) $$;
comment on function public.invited_email(text) is 'The address a pending invitation was sent to, for whoever holds its token (the sign-up form fills it in); null otherwise.';
revoke execute on function public.invited_email(text) from public;
grant execute on function public.invited_email(text) to anon, authenticated;
