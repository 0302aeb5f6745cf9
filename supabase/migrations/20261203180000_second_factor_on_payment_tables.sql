-- Two-factor sign-in covers the tables getting paid added (bank imports and their payments,
-- payment reminders), as 20261203110100 covers the others: a restrictive policy that needs the
-- session's assurance level (and, for an accountant, the owner's requirement), and a statement
-- trigger that refuses writes of a session lacking its second factor, also through
-- security-definer functions.

create policy bank_imports_all on public.bank_imports as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger bank_imports_second_factor before insert or update or delete on public.bank_imports
  for each statement execute function private.refuse_without_second_factor();

create policy bank_import_payments_all on public.bank_import_payments as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger bank_import_payments_second_factor before insert or update or delete on public.bank_import_payments
  for each statement execute function private.refuse_without_second_factor();

create policy payment_reminders_all on public.payment_reminders as restrictive for all to authenticated
  using ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()))
  with check ((select private.second_factor_satisfied()) and workspace_id not in (select private.workspaces_requiring_second_factor()));
create trigger payment_reminders_second_factor before insert or update or delete on public.payment_reminders
  for each statement execute function private.refuse_without_second_factor();
