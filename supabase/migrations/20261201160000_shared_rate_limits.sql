-- Rate limits shared by every app server: a fixed window per bucket, counted in Postgres so two
-- servers (or a restarted one) see the same count. The app names the bucket (a limit name and a
-- hash of the account or client address it counts) and the limit; one security-definer function
-- counts and answers atomically, and nothing else can read or write the table.
create table private.rate_limits (
  bucket text primary key,
  window_ends_at timestamptz not null,
  hits integer not null check (hits >= 0)
);
create index rate_limits_window_ends_at on private.rate_limits (window_ends_at);
alter table private.rate_limits enable row level security;
revoke all on private.rate_limits from public, anon, authenticated;
comment on table private.rate_limits is 'The app''s rate-limit windows (sign-in failures, sign-ups, password resets, invitations), one row per bucket; written only by private.take_rate_limit, expired rows removed by it as it goes.';
comment on column private.rate_limits.bucket is 'Limit name and a SHA-256 of what it counts (account or client address), so no address or email is stored in clear.';
comment on column private.rate_limits.window_ends_at is 'When the current window ends; the next hit after it starts a new window.';
comment on column private.rate_limits.hits is 'Hits counted in the window, at most max_hits + 1 (beyond that the answer is the same).';

-- change = 1 counts a hit and says whether it is within the limit; insert ... on conflict do update
-- locks the bucket's row, so concurrent callers on any server count one after another and no
-- more than max_hits are ever allowed in a window. change = -1 gives back a hit counted earlier
-- whose attempt turned out not to be one the limit is about (a sign-in that succeeded). Expired
-- windows of other buckets are deleted a few at a time, skipping rows another transaction holds
-- (no waits, no deadlocks).
create function private.take_rate_limit(bucket text, max_hits integer, window_seconds integer, change integer) returns boolean
language plpgsql volatile security definer set search_path = ''
as $$
declare
  moment timestamptz := pg_catalog.clock_timestamp();
  counted integer;
begin
  if bucket is null or pg_catalog.length(bucket) not between 1 and 200 or max_hits is null or max_hits < 1
     or window_seconds is null or window_seconds not between 1 and 86400 or change is null or change not in (1, -1) then
    raise exception 'invalid rate limit' using errcode = '22023';
  end if;
  if change = -1 then
    update private.rate_limits r set hits = greatest(r.hits - 1, 0)
     where r.bucket = take_rate_limit.bucket and r.window_ends_at > moment;
    return true;
  end if;
  insert into private.rate_limits as r (bucket, window_ends_at, hits)
  values (take_rate_limit.bucket, moment + pg_catalog.make_interval(secs => window_seconds), 1)
  on conflict on constraint rate_limits_pkey do update
    set window_ends_at = case when r.window_ends_at <= moment then excluded.window_ends_at else r.window_ends_at end,
        hits = case when r.window_ends_at <= moment then excluded.hits
                    else least(r.hits + 1, max_hits + 1) end
  returning r.hits into counted;
  delete from private.rate_limits r
   where r.bucket in (select o.bucket from private.rate_limits o where o.window_ends_at < moment
                      order by o.window_ends_at limit 20 for update skip locked);
  return counted <= max_hits;
end
$$;
revoke all on function private.take_rate_limit(text, integer, integer, integer) from public;
grant execute on function private.take_rate_limit(text, integer, integer, integer) to anon, authenticated;
comment on function private.take_rate_limit(text, integer, integer, integer) is 'The app''s one rate limiter: counts a hit (change 1) in bucket''s fixed window of window_seconds and returns whether it is within max_hits, or gives one back (change -1). Called by the app server as anon; private is not exposed through the Data API.';

-- A failed sign-in was recordable by anyone for anyone through the Data API (public.record_failed_sign_in),
-- filling a stranger's security log. Only the app server records them now, after the attempt was
-- counted against the address and account limits and Auth refused the password; the private
-- function keeps its per-account cap of 20 entries in 5 minutes.
drop function public.record_failed_sign_in(text);
comment on function private.record_failed_sign_in(text) is 'Notes a failed password sign-in in the account''s security log (if the address has an account; at most 20 in 5 minutes). Called only by the app server after Auth refused the password; not exposed through the Data API.';
