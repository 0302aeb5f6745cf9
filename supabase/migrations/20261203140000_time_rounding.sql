-- How logged time rounds, chosen by the consultant (issue 17): a 62 s timer logged 1 minute and
-- nothing said how it rounds. The business profile now names a step: none, or up to the next
-- 1, 6 or 15 minutes. It applies in the database, for every API role, where time is entered: a
-- time entry written with new minutes is rounded up to the step, and stop_timer() rounds the
-- seconds it measured up to the step (with no step, to the nearest minute, at least one, as
-- before). Functions running as their owner (restoring a deleted entry exactly as it was, the
-- seed, migrations) write minutes as given. Entries already logged keep their minutes.

alter table public.business_profiles
  add column time_rounding_minutes smallint not null default 0
    constraint business_profiles_time_rounding_valid check (time_rounding_minutes in (0, 1, 6, 15));
comment on column public.business_profiles.time_rounding_minutes is 'How new time rounds: 0 = none (typed minutes as typed, the timer to the nearest minute), or up to the next 1, 6 or 15 minutes.';

-- A duration in seconds as logged minutes under a step (0 = nearest minute), 1 to 1440.
create function private.rounded_minutes(seconds numeric, step integer) returns integer
language sql immutable set search_path = ''
as $$
  select least(1440, case when coalesce(step, 0) <= 0 then greatest(1, round(seconds / 60.0))
                          else greatest(step, ceil(seconds / 60.0 / step) * step) end)::integer
$$;
comment on function private.rounded_minutes(numeric, integer) is 'Seconds as logged minutes: rounded up to the step (1, 6, 15), or to the nearest minute when the step is 0; at least one step, at most 1440.';
revoke execute on function private.rounded_minutes(numeric, integer) from public;
grant execute on function private.rounded_minutes(numeric, integer) to authenticated, service_role;

-- Invoker, so current_user is the writer: the API roles' writes round, owner-run functions' do not.
create function private.time_entries_round_minutes() returns trigger
language plpgsql set search_path = ''
as $$
declare
  step integer;
begin
  if current_user in ('anon', 'authenticated', 'service_role')
     and (tg_op = 'INSERT' or new.minutes is distinct from old.minutes) then
    select bp.time_rounding_minutes into step from public.business_profiles bp where bp.workspace_id = new.workspace_id;
    if step > 1 and new.minutes > 0 then
      new.minutes := private.rounded_minutes(new.minutes * 60, step);
    end if;
  end if;
  return new;
end
$$;
revoke execute on function private.time_entries_round_minutes() from public;
create trigger time_entries_round_minutes before insert or update of minutes on public.time_entries
  for each row execute function private.time_entries_round_minutes();

-- As before (one statement deletes the timer and inserts the entry), the seconds now rounded by
-- the workspace's rule.
create or replace function public.stop_timer() returns public.time_entries
language sql volatile security invoker set search_path = ''
as $$
  with stopped as (
    delete from public.running_timers t
     where t.user_id = (select auth.uid()) and t.workspace_id in (select private.my_owned_workspaces())
    returning t.*
  )
  insert into public.time_entries (workspace_id, node_id, entry_date, minutes, hourly_rate_ore, description, billable)
  select s.workspace_id, s.node_id, (s.started_at at time zone 'Europe/Stockholm')::date,
         private.rounded_minutes(extract(epoch from (pg_catalog.now() - s.started_at)),
           (select bp.time_rounding_minutes from public.business_profiles bp where bp.workspace_id = s.workspace_id)),
         coalesce(public.default_hourly_rate_ore(s.node_id), 0), s.description, s.billable
    from stopped s
  returning *
$$;
comment on function public.stop_timer() is 'Turns the caller''s running timer into a time entry and removes it, atomically; the minutes follow the business profile''s rounding (time_rounding_minutes). Returns the entry (no row when no timer runs).';
