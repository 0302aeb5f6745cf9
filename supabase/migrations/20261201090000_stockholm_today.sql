-- One "today" for the whole product: the calendar day in Europe/Stockholm. SQL that needs a
-- date (send, payments, overdue, retention) calls this instead of current_date, whose answer
-- depends on the session's time zone; the app's lib/time/week.ts today() is the same rule.

create function private.stockholm_today(at timestamptz default pg_catalog.now()) returns date
language sql stable set search_path = ''
as $$ select (at at time zone 'Europe/Stockholm')::date $$;
comment on function private.stockholm_today(timestamptz) is 'The calendar day in Europe/Stockholm at the given instant (now by default): the product''s one definition of today.';
revoke execute on function private.stockholm_today(timestamptz) from public;
grant execute on function private.stockholm_today(timestamptz) to authenticated, service_role;
