-- Background work leaves the request path (issue 15): one queue in Postgres that the job runner
-- (`npm run jobs`, and the embedded stand-in) drains. Pages only read; interrupted invoice
-- archives and retention are jobs.
--   * private.schedule_jobs(at) enqueues what is due: one archive job per sent invoice without
--     an archived PDF, one retention job per Stockholm day. (kind, key) is unique, so any number
--     of runners scheduling at once enqueue each job once.
--   * private.claim_job() takes one due job with `for update skip locked`: two runners never hold
--     the same job. A claim is a lease (claimed_until): a runner that dies mid-job leaves it, and
--     once the lease is over another runner takes it again. A job's handlers are idempotent.
--   * private.finish_job() / private.fail_job(): done, or back in the queue later with the error
--     kept (attempts counts claims; after 10 a job stays for the operator to look at).
-- Operator only: the runner connects with the project's postgres connection string. `at` is
-- injectable so tests can move the clock.

create table private.jobs (
  id bigint generated always as identity primary key,
  kind text not null,
  key text not null,
  run_after timestamptz not null default pg_catalog.now(),
  attempts integer not null default 0,
  claimed_by text,
  claimed_until timestamptz,
  last_error text,
  done_at timestamptz,
  created_at timestamptz not null default pg_catalog.now(),
  constraint jobs_kind_known check (kind in ('archive_invoice', 'retention')),
  constraint jobs_once unique (kind, key)
);
alter table private.jobs enable row level security;
create index jobs_due on private.jobs (run_after, id) where done_at is null;
comment on table private.jobs is 'Background jobs (archive recovery, retention) drained by the job runner; no API role may read or write it.';
comment on column private.jobs.key is 'What the job is about (an invoice id, a day): one job per kind and key.';
comment on column private.jobs.attempts is 'How many times the job was claimed; a job that reached 10 is not claimed again.';
comment on column private.jobs.claimed_until is 'End of the current claim''s lease: until then no other runner takes the job; after it, a crashed runner''s job is taken again.';
comment on column private.jobs.last_error is 'The error of the last failed attempt, for the operator.';

create function private.schedule_jobs(at timestamptz default pg_catalog.now()) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  n integer;
  m integer;
begin
  -- A send archives its own PDF right after its commit; should the job meet a send still in
  -- flight, both render the same bytes and the first record wins (finishArchive is idempotent).
  insert into private.jobs (kind, key, run_after)
    select 'archive_invoice', i.id::text, at
      from public.invoices i
     where i.status <> 'draft' and i.pdf_path is null
    on conflict (kind, key) do nothing;
  get diagnostics n = row_count;
  insert into private.jobs (kind, key, run_after)
    values ('retention', private.stockholm_today(at)::text, at)
    on conflict (kind, key) do nothing;
  get diagnostics m = row_count;
  return n + m;
end
$$;
comment on function private.schedule_jobs(timestamptz) is 'Enqueues the jobs that are due (archive recovery per unarchived sent invoice, retention once per Stockholm day); returns how many were new.';

create function private.claim_job(worker text, lease interval, at timestamptz default pg_catalog.now()) returns setof private.jobs
language sql security definer set search_path = ''
as $$
  update private.jobs j
     set attempts = j.attempts + 1, claimed_by = worker, claimed_until = at + lease
   where j.id = (select c.id from private.jobs c
                  where c.done_at is null and c.run_after <= at and c.attempts < 10
                    and (c.claimed_until is null or c.claimed_until <= at)
                  order by c.run_after, c.id
                  limit 1
                  for update skip locked)
  returning j.*
$$;
comment on function private.claim_job(text, interval, timestamptz) is 'Claims the next due job for `lease` (skip locked: each job goes to one runner); null when nothing is due.';

create function private.finish_job(job bigint, worker text) returns boolean
language sql security definer set search_path = ''
as $$
  with done as (
    update private.jobs j set done_at = pg_catalog.now(), claimed_until = null, last_error = null
     where j.id = job and j.claimed_by = worker and j.done_at is null
    returning 1
  )
  select exists (select from done)
$$;
comment on function private.finish_job(bigint, text) is 'Marks a claimed job done; false when the claim had expired and another runner holds it now.';

create function private.fail_job(job bigint, worker text, error text, at timestamptz default pg_catalog.now()) returns void
language sql security definer set search_path = ''
as $$
  -- Back off: 1, 4, 9 ... minutes after each failed attempt, at most six hours.
  update private.jobs j
     set claimed_until = null, last_error = pg_catalog.left(error, 2000),
         run_after = at + least(interval '6 hours', pg_catalog.make_interval(mins => j.attempts * j.attempts))
   where j.id = job and j.claimed_by = worker and j.done_at is null
$$;
comment on function private.fail_job(bigint, text, text, timestamptz) is 'Returns a claimed job to the queue after an error, later (backoff), keeping the error.';

revoke all on function private.schedule_jobs(timestamptz) from public;
revoke all on function private.claim_job(text, interval, timestamptz) from public;
revoke all on function private.finish_job(bigint, text) from public;
revoke all on function private.fail_job(bigint, text, text, timestamptz) from public;
