-- A wrong code at the second step shows in the user's security log (issue 18, item 4). Auth logs
-- only successful verifications (verification_attempted), so the app records failures itself, as
-- it does for failed password sign-ins, on every backend: as the signed-in user (aal1), for that
-- user only, at most 20 entries per 5 minutes so a guessing script cannot flood the log.

alter table private.account_events drop constraint account_events_event_valid;
alter table private.account_events add constraint account_events_event_valid
  check (event in ('data_exported', 'deletion_requested', 'account_restored', 'login_failed', 'mfa_verification_failed'));

create function private.record_failed_second_step() returns void
language sql volatile security definer set search_path = ''
as $$
  insert into private.account_events (user_id, event)
  select auth.uid(), 'mfa_verification_failed'
   where auth.uid() is not null
     and (select count(*) from private.account_events a
           where a.user_id = auth.uid() and a.event = 'mfa_verification_failed'
             and a.occurred_at > pg_catalog.now() - interval '5 minutes') < 20
$$;
comment on function private.record_failed_second_step() is 'Notes a wrong second-step code in the caller''s security log (rate-limited to 20 per 5 minutes).';
revoke execute on function private.record_failed_second_step() from public;
grant execute on function private.record_failed_second_step() to authenticated;
