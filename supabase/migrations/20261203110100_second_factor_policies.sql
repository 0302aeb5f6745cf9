-- Two-factor sign-in enforced by the database (issue 18), as Supabase documents it: a RESTRICTIVE
-- policy on every table of the exposed schema, so whatever the permissive policies allow also
-- needs the session's assurance level. For a user with a verified factor, a session at aal1 (a
-- stolen password without the phone) sees and changes nothing, whichever client connects; and in a
-- workspace whose owner requires it, an accountant sees and changes nothing until aal2.
--
-- Two lookups, neither taking a row argument, so each runs once per statement (an initplan and a
-- hashed subplan), not once per row:
--   private.second_factor_satisfied()            the caller's token is aal2, or the account has no verified factor;
--   private.workspaces_requiring_second_factor()  below aal2: the workspaces whose owner requires it of the caller as accountant.
-- Security-definer functions act as the table owner, which RLS does not restrict, so a statement-
-- level trigger on every table refuses writes of a session that lacks its second factor too
-- (send_invoice, create_invitation and their like write through such functions).
-- Both are PL/pgSQL so the session keeps their plans: a SQL function with a SET clause is never
-- inlined and is planned again on every call, i.e. twice more per table per statement.
-- The membership helpers (private.my_workspaces and friends) stay as they are. Each restrictive
-- policy covers every command, so it is named <table>_all.

create function private.second_factor_satisfied() returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return coalesce(auth.jwt() ->> 'aal', '') = 'aal2'
      or not exists (select from auth.mfa_factors f where f.user_id = auth.uid() and f.status = 'verified');
end
$$;
comment on function private.second_factor_satisfied() is 'Whether the caller''s session meets its account''s assurance: aal2, or an account without a verified factor. Restrictive policies and the write guard call it.';
revoke execute on function private.second_factor_satisfied() from public;
grant execute on function private.second_factor_satisfied() to authenticated;

create function private.workspaces_requiring_second_factor() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 1
as $$
begin
  return query
    select m.workspace_id
      from public.workspace_members m join public.workspaces w on w.id = m.workspace_id
     where coalesce(auth.jwt() ->> 'aal', '') <> 'aal2'
       and m.user_id = auth.uid() and m.role = 'accountant' and w.accountants_need_second_factor;
end
$$;
comment on function private.workspaces_requiring_second_factor() is 'Below aal2: the workspaces where the caller is an accountant and the owner requires a second factor (none at aal2).';
revoke execute on function private.workspaces_requiring_second_factor() from public;
grant execute on function private.workspaces_requiring_second_factor() to authenticated;

create function private.refuse_without_second_factor() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- Migrations, jobs and Auth's own writes carry no user.
  if auth.uid() is not null and not private.second_factor_satisfied() then
    raise exception 'second_factor_required' using errcode = '42501',
      hint = 'Sign in with the second factor (aal2) first.';
  end if;
  return null;
end
$$;
comment on function private.refuse_without_second_factor() is 'Statement trigger: refuses any write by a user whose session lacks the second factor their account has, also through security-definer functions.';
revoke execute on function private.refuse_without_second_factor() from public;

create policy workspaces_all on public.workspaces as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and id not in (select private.workspaces_requiring_second_factor()));
create trigger workspaces_second_factor before insert or update or delete on public.workspaces
  for each statement execute function private.refuse_without_second_factor();

create policy workspace_members_all on public.workspace_members as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger workspace_members_second_factor before insert or update or delete on public.workspace_members
  for each statement execute function private.refuse_without_second_factor();

create policy business_profiles_all on public.business_profiles as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger business_profiles_second_factor before insert or update or delete on public.business_profiles
  for each statement execute function private.refuse_without_second_factor();

create policy nodes_all on public.nodes as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger nodes_second_factor before insert or update or delete on public.nodes
  for each statement execute function private.refuse_without_second_factor();

create policy client_details_all on public.client_details as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger client_details_second_factor before insert or update or delete on public.client_details
  for each statement execute function private.refuse_without_second_factor();

create policy time_entries_all on public.time_entries as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger time_entries_second_factor before insert or update or delete on public.time_entries
  for each statement execute function private.refuse_without_second_factor();

create policy invoices_all on public.invoices as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger invoices_second_factor before insert or update or delete on public.invoices
  for each statement execute function private.refuse_without_second_factor();

create policy invoice_lines_all on public.invoice_lines as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger invoice_lines_second_factor before insert or update or delete on public.invoice_lines
  for each statement execute function private.refuse_without_second_factor();

create policy invoice_events_all on public.invoice_events as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger invoice_events_second_factor before insert or update or delete on public.invoice_events
  for each statement execute function private.refuse_without_second_factor();

create policy invoice_payments_all on public.invoice_payments as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger invoice_payments_second_factor before insert or update or delete on public.invoice_payments
  for each statement execute function private.refuse_without_second_factor();

create policy number_series_all on public.number_series as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger number_series_second_factor before insert or update or delete on public.number_series
  for each statement execute function private.refuse_without_second_factor();

create policy audit_log_all on public.audit_log as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger audit_log_second_factor before insert or update or delete on public.audit_log
  for each statement execute function private.refuse_without_second_factor();

create policy running_timers_all on public.running_timers as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger running_timers_second_factor before insert or update or delete on public.running_timers
  for each statement execute function private.refuse_without_second_factor();

create policy invitations_all on public.invitations as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger invitations_second_factor before insert or update or delete on public.invitations
  for each statement execute function private.refuse_without_second_factor();

create policy sie_accounts_all on public.sie_accounts as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger sie_accounts_second_factor before insert or update or delete on public.sie_accounts
  for each statement execute function private.refuse_without_second_factor();

create policy export_downloads_all on public.export_downloads as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger export_downloads_second_factor before insert or update or delete on public.export_downloads
  for each statement execute function private.refuse_without_second_factor();

-- Files: the workspace is the object name's first folder (compared as text, as the other storage policies do).
create policy objects_all on storage.objects as restrictive for all to authenticated
  using ((select private.second_factor_satisfied())
         and coalesce((storage.foldername(name))[1], '') not in (select w::text from private.workspaces_requiring_second_factor() w))
  with check ((select private.second_factor_satisfied())
              and coalesce((storage.foldername(name))[1], '') not in (select w::text from private.workspaces_requiring_second_factor() w));
