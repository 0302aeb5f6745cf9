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

-- Counts a hit (when counts) and says whether it is within the limit; with counts = false it only
-- says whether one more would be, writing nothing. insert ... on conflict do update locks the
-- bucket's row, so concurrent callers on any server count one after another. Expired windows of
-- other buckets are deleted a few at a time, skipping rows another transaction holds (no waits,
-- no deadlocks).
create function private.take_rate_limit(bucket text, max_hits integer, window_seconds integer, counts boolean) returns boolean
language plpgsql volatile security definer set search_path = ''
as $$
declare
  moment timestamptz := pg_catalog.clock_timestamp();
  counted integer;
begin
  if bucket is null or pg_catalog.length(bucket) not between 1 and 200 or max_hits is null or max_hits < 1
     or window_seconds is null or window_seconds not between 1 and 86400 or counts is null then
    raise exception 'invalid rate limit' using errcode = '22023';
  end if;
  if not counts then
    return not exists (select 1 from private.rate_limits r
                        where r.bucket = take_rate_limit.bucket and r.window_ends_at > moment and r.hits >= max_hits);
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
revoke all on function private.take_rate_limit(text, integer, integer, boolean) from public;
grant execute on function private.take_rate_limit(text, integer, integer, boolean) to anon, authenticated;
comment on function private.take_rate_limit(text, integer, integer, boolean) is 'The app''s one rate limiter: counts a hit in bucket''s fixed window of window_seconds (when counts) and returns whether it is within max_hits. Called by the app server as anon or as the user; private is not exposed through the Data API.';

-- A failed sign-in was recordable by anyone for anyone through the Data API (public.record_failed_sign_in),
-- filling a stranger's security log. Only the app server records them now, after Auth refused the
-- password and after counting the failure against the address and account limits; the private
-- function keeps its per-account cap of 20 entries in 5 minutes.
drop function public.record_failed_sign_in(text);
comment on function private.record_failed_sign_in(text) is 'Notes a failed password sign-in in the account''s security log (if the address has an account; at most 20 in 5 minutes). Called only by the app server after Auth refused the password; not exposed through the Data API.';
