-- Retention, as the privacy notice promises it, in one SQL function: private.run_retention(at).
--   1. purges accounts whose 30-day tombstone is over: mind-map content, client details, unbilled
--      hours, drafts, documents and logos go; sent invoices, their lines, events, archived PDFs
--      and the hours they bill stay (Bokföringslagen), stripped of what the law does not need;
--      the audit trail of the workspace is anonymised (its hash chain still verifies); the Auth
--      user is removed;
--   2. deletes bookkeeping records whose retention is over: the end of the 7th calendar year
--      after the fiscal year they belong to ended (BFL 7 kap. 2 §);
--   3. anonymises audit rows, Auth audit entries and account events older than 24 months;
--   4. removes email-link tokens older than 24 hours.
-- `at` is injectable so tests can move the clock. Scheduled daily with pg_cron where the
-- database has it; the embedded stand-in runs it on a timer; the operator can run it with
-- `npx tsx scripts/retention.ts`. Idempotent: a second run finds nothing to do.
--
-- Sent invoices are immutable for every role. Only a retention run may delete them: it marks its
-- own transaction in private.retention_runs (no API role can write there), and the guards let
-- deletions through only inside such a transaction.

create table private.retention_runs (
  txid bigint primary key,
  started_at timestamptz not null default now()
);
comment on table private.retention_runs is 'Marks the transaction of a running retention job; the immutability guards allow deletions only inside it. Emptied at the end of each run.';

-- Purged workspaces keep their bookkeeping; the fiscal year start is needed to know when it ends.
create table private.purged_workspaces (
  workspace_id uuid primary key,
  fiscal_year_start_month smallint not null,
  purged_at timestamptz not null
);
comment on table private.purged_workspaces is 'Workspaces of purged accounts, kept only for their bookkeeping; removed when the last record''s retention ends.';

create function private.in_retention_run() returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from private.retention_runs r where r.txid = pg_catalog.txid_current())
$$;
comment on function private.in_retention_run() is 'True inside the transaction of private.run_retention(): the only place where kept records may be deleted.';
-- Called only by definer code and by triggers when the current user is not an API role.

-- The immutability guards, as before, plus the retention exception for deletions.
create or replace function private.invoices_guard() returns trigger
language plpgsql set search_path = ''
as $$
declare
  managed constant text[] := array['status', 'number', 'series', 'seller_snapshot', 'buyer_snapshot', 'vat_summary',
    'net_ore', 'vat_ore', 'total_ore', 'ocr_reference', 'pdf_path', 'pdf_sha256', 'paid_on', 'sent_at', 'kind',
    'credits_invoice_id'];
  api_role boolean := current_user in ('anon', 'authenticated', 'service_role');
  o jsonb;
  n jsonb;
begin
  if tg_op = 'DELETE' then
    -- Nested so API roles (which may not use schema private) never reach the retention check.
    if old.status <> 'draft' then
      if api_role then
        raise exception 'invoice_immutable' using errcode = '55000', constraint = 'invoices_immutable', table = 'invoices',
          detail = 'A sent invoice is never deleted; credit it with a credit note.';
      end if;
      if not private.in_retention_run() then
        raise exception 'invoice_immutable' using errcode = '55000', constraint = 'invoices_immutable', table = 'invoices',
          detail = 'A sent invoice is never deleted; credit it with a credit note.';
      end if;
    end if;
    return old;
  end if;

  o := pg_catalog.to_jsonb(old);
  n := pg_catalog.to_jsonb(new);
  if old.status = 'draft' then
    if api_role and (select pg_catalog.jsonb_object_agg(k, o -> k) from pg_catalog.unnest(managed) k)
                    is distinct from (select pg_catalog.jsonb_object_agg(k, n -> k) from pg_catalog.unnest(managed) k) then
      raise exception 'invoice_fields_managed' using errcode = '42501', constraint = 'invoices_fields_managed', table = 'invoices',
        detail = 'Status, number, snapshots and totals change only through send_invoice() and the other invoicing functions.';
    end if;
    return new;
  end if;

  if not api_role and (
       (old.status = 'sent' and new.status = 'paid' and new.paid_on is not null
         and (n - array['status', 'paid_on', 'updated_at']) = (o - array['status', 'paid_on', 'updated_at']))
    or (old.status in ('sent', 'paid') and new.status = 'credited' and old.kind = 'invoice'
         and (n - array['status', 'updated_at']) = (o - array['status', 'updated_at']))
    or (old.pdf_path is null and new.pdf_path is not null
         and (n - array['pdf_path', 'pdf_sha256', 'updated_at']) = (o - array['pdf_path', 'pdf_sha256', 'updated_at'])))
  then
    return new;
  end if;
  raise exception 'invoice_immutable' using errcode = '55000', constraint = 'invoices_immutable', table = 'invoices',
    detail = 'A sent invoice does not change; allowed are sent -> paid, crediting and the one-time PDF record.';
end
$$;

create or replace function private.invoice_lines_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and private.in_retention_run() then
    return old;
  end if;
  if exists (select 1 from public.invoices i
             where i.status <> 'draft'
               and i.id in (case when tg_op <> 'INSERT' then old.invoice_id end, case when tg_op <> 'DELETE' then new.invoice_id end)) then
    raise exception 'invoice_lines_immutable' using errcode = '55000', constraint = 'invoice_lines_immutable',
      table = 'invoice_lines', detail = 'Lines of a sent invoice never change.';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;

create or replace function private.time_entries_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and private.in_retention_run() then
    return old;
  end if;
  if exists (select 1 from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
             where i.status <> 'draft'
               and l.id in (case when tg_op <> 'INSERT' then old.invoice_line_id end,
                            case when tg_op <> 'DELETE' then new.invoice_line_id end)) then
    raise exception 'time_entries_billed_locked' using errcode = '55000', constraint = 'time_entries_billed_locked',
      table = 'time_entries', detail = 'Hours billed by a sent invoice are locked.';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;

create or replace function private.invoice_archive_insert_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  -- Nested so API roles (which may not use schema private) never reach the retention check.
  if tg_op = 'DELETE' and old.bucket_id = 'invoice-archive' and current_user not in ('anon', 'authenticated', 'service_role') then
    if private.in_retention_run() then
      return old;
    end if;
  end if;
  if old.bucket_id = 'invoice-archive' or (tg_op = 'UPDATE' and new.bucket_id = 'invoice-archive') then
    raise exception 'invoice_archive_insert_only' using errcode = '55000',
      detail = 'Archived invoice PDFs are kept as sent: never replaced or deleted.';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;

-- The last day a bookkeeping record dated `d` is kept: 31 December of the 7th year after the
-- calendar year in which its fiscal year (starting in month `start_month`) ends.
create function private.retention_end(d date, start_month integer) returns date
language sql immutable set search_path = ''
as $$
  select pg_catalog.make_date(
    extract(year from (pg_catalog.make_date(
        extract(year from d)::int - case when extract(month from d)::int >= start_month then 0 else 1 end,
        start_month, 1) + interval '1 year' - interval '1 day'))::int + 7,
    12, 31)
$$;
comment on function private.retention_end(date, integer) is 'Last day a bookkeeping record dated d is kept: end of the 7th year after the end of its fiscal year (BFL 7:2).';
grant execute on function private.retention_end(date, integer) to authenticated;

-- Tables of a purged workspace whose rows stay (bookkeeping, or the workspace shell it needs);
-- rows of every other table with a workspace_id are deleted with the account.
create function private.kept_after_purge() returns text[]
language sql immutable set search_path = ''
as $$
  select array['workspaces', 'nodes', 'time_entries', 'invoices', 'invoice_lines', 'invoice_events', 'number_series', 'audit_log']
$$;
comment on function private.kept_after_purge() is 'Tables whose rows of a purged workspace are kept (stripped) for bookkeeping; all other workspace tables are emptied.';

-- Anonymising audit rows: actor and values cleared, and the user id taken out of membership
-- rows' keys; content_hash and row_hash stay, so the chain still verifies. The guard is
-- replaced to allow exactly these columns, only inside anonymisation.
create or replace function private.audit_log_guard() returns trigger
language plpgsql set search_path = ''
as $$
declare
  free constant text[] := array['actor_id', 'actor_role', 'old_values', 'new_values', 'anonymised_at', 'row_id'];
begin
  if tg_op = 'UPDATE' and pg_catalog.current_setting('konsultverkstad.audit_retention', true) = 'on'
     and (pg_catalog.to_jsonb(new) - free) = (pg_catalog.to_jsonb(old) - free)
     and new.anonymised_at is not null
     and (new.row_id = old.row_id or (old.table_name = 'workspace_members' and new.row_id = pg_catalog.split_part(old.row_id, '/', 1))) then
    return new;
  end if;
  raise exception 'audit_log_append_only' using errcode = '42501',
    detail = 'The audit log is append-only; rows are never updated or deleted.';
end
$$;

-- Rows of one workspace (or all: null), older than a cutoff (or any: null), or only those this
-- transaction wrote (they all carry now(), the transaction's start).
create function private.anonymise_audit(target uuid, older_than timestamptz, written_now boolean) returns bigint
language plpgsql security definer set search_path = ''
as $$
declare
  n bigint;
begin
  perform pg_catalog.set_config('konsultverkstad.audit_retention', 'on', true);
  update public.audit_log
    set actor_id = null, actor_role = null, old_values = null, new_values = null, anonymised_at = pg_catalog.now(),
        row_id = case when table_name = 'workspace_members' then pg_catalog.split_part(row_id, '/', 1) else row_id end
    where anonymised_at is null
      and (target is null or workspace_id = target)
      and (older_than is null or occurred_at < older_than)
      and (not written_now or occurred_at = pg_catalog.now());
  get diagnostics n = row_count;
  perform pg_catalog.set_config('konsultverkstad.audit_retention', 'off', true);
  return n;
end
$$;
comment on function private.anonymise_audit(uuid, timestamptz, boolean) is 'Clears who and what of audit rows (retention, purge); hashes stay so verify_audit_chain() still passes.';

create or replace function private.anonymise_audit_log(older_than timestamptz) returns bigint
language sql security definer set search_path = ''
as $$ select private.anonymise_audit(null, older_than, false) $$;

-- The irreversible purge of one account (called by run_retention only).
create function private.purge_account(target uuid, at timestamptz) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid;
  t text;
  kept uuid[];
begin
  for ws in select m.workspace_id from public.workspace_members m where m.user_id = target and m.role = 'owner' loop
    insert into private.purged_workspaces (workspace_id, fiscal_year_start_month, purged_at)
      select ws, coalesce((select b.fiscal_year_start_month from public.business_profiles b where b.workspace_id = ws), 1), at
      on conflict (workspace_id) do nothing;

    -- Drafts are not bookkeeping (their lines go with them; the hours they held become unbilled).
    delete from public.invoices i where i.workspace_id = ws and i.status = 'draft';
    delete from public.time_entries e where e.workspace_id = ws and e.invoice_line_id is null;

    -- Every other workspace table (documents metadata, timers, invitations...) is emptied.
    for t in select c.table_name from information_schema.columns c
              where c.table_schema = 'public' and c.column_name = 'workspace_id'
                and c.table_name <> all (private.kept_after_purge())
                and c.table_name in (select r.relname from pg_catalog.pg_class r
                                      where r.relnamespace = 'public'::regnamespace and r.relkind in ('r', 'p')) loop
      execute pg_catalog.format('delete from public.%I where workspace_id = $1', t) using ws;
    end loop;

    -- Nodes the kept records point at stay as empty shells; the rest of the mind-map goes.
    kept := array(select i.client_node_id from public.invoices i where i.workspace_id = ws
                  union select e.node_id from public.time_entries e where e.workspace_id = ws);
    update public.nodes n set parent_id = null, title = '', body = '', colour = null, position_x = 0, position_y = 0,
        archived_at = coalesce(n.archived_at, at)
      where n.workspace_id = ws and n.id = any (kept);
    delete from public.nodes n where n.workspace_id = ws and not (n.id = any (kept));

    update public.invoice_events v set actor_id = null where v.workspace_id = ws and v.actor_id is not null;
    update public.workspaces w set name = '' where w.id = ws;
    delete from storage.objects o where o.bucket_id in ('documents', 'logos') and (storage.foldername(o.name))[1] = ws::text;
    perform private.anonymise_audit(ws, null, false);
  end loop;

  -- Tables keyed by the user rather than a workspace (whoever adds them) are emptied of theirs.
  for t in select c.table_name from information_schema.columns c
            where c.table_schema = 'public' and c.column_name = 'user_id'
              and not exists (select 1 from information_schema.columns w
                               where w.table_schema = 'public' and w.table_name = c.table_name and w.column_name = 'workspace_id')
              and c.table_name in (select r.relname from pg_catalog.pg_class r
                                    where r.relnamespace = 'public'::regnamespace and r.relkind in ('r', 'p')) loop
    execute pg_catalog.format('delete from public.%I where user_id = $1', t) using target;
  end loop;

  delete from private.account_events a where a.user_id = target;
  delete from auth.audit_log_entries e where e.payload ->> 'actor_id' = target::text;
  delete from auth.users u where u.id = target;
end
$$;
comment on function private.purge_account(uuid, timestamptz) is 'Irreversible purge of a tombstoned account: keeps only bookkeeping (stripped), removes everything else and the Auth user.';

-- Deletes sent invoices (with their credit notes, lines, events, billed hours and archived PDFs)
-- whose retention is over, then the shells of purged workspaces that hold nothing any more.
create function private.delete_expired_bookkeeping(at timestamptz) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  expired uuid[];
  n_invoices bigint;
  n_entries bigint;
  n_files bigint;
  n_workspaces bigint;
begin
  -- An invoice and its credit notes go together, once every one of them has expired.
  with dated as (
    select i.id, i.workspace_id, coalesce(i.credits_invoice_id, i.id) as original,
           private.retention_end(coalesce(i.issue_date, i.created_at::date),
             coalesce(b.fiscal_year_start_month, p.fiscal_year_start_month, 1)::int) as keep_until
      from public.invoices i
      left join public.business_profiles b on b.workspace_id = i.workspace_id
      left join private.purged_workspaces p on p.workspace_id = i.workspace_id
     where i.status <> 'draft'
  ), groups as (
    select original from dated group by original having max(keep_until) < at::date
  )
  select coalesce(array_agg(d.id), '{}') into expired from dated d where d.original in (select original from groups);

  delete from public.time_entries e
   using public.invoice_lines l
   where l.id = e.invoice_line_id and l.invoice_id = any (expired);
  get diagnostics n_entries = row_count;
  delete from storage.objects o
   using public.invoices i
   where i.id = any (expired) and o.bucket_id = 'invoice-archive' and o.name = i.pdf_path;
  get diagnostics n_files = row_count;
  delete from public.invoices i where i.id = any (expired) and i.kind = 'credit_note';
  delete from public.invoices i where i.id = any (expired);
  n_invoices := pg_catalog.cardinality(expired);

  -- A purged workspace without invoices left is removed whole (nodes, hours and series cascade).
  with gone as (
    delete from public.workspaces w
     where w.id in (select p.workspace_id from private.purged_workspaces p)
       and not exists (select 1 from public.invoices i where i.workspace_id = w.id)
    returning w.id
  ), forgotten as (
    delete from private.purged_workspaces p where p.workspace_id in (select id from gone) returning p.workspace_id
  ), archive as (
    delete from storage.objects o where o.bucket_id = 'invoice-archive'
       and (storage.foldername(o.name))[1] in (select f.workspace_id::text from forgotten f)
    returning 1
  )
  select (select count(*) from forgotten), n_files + (select count(*) from archive) into n_workspaces, n_files;

  return pg_catalog.jsonb_build_object('invoices_deleted', n_invoices, 'billed_time_entries_deleted', n_entries,
    'archived_pdfs_deleted', n_files, 'purged_workspaces_removed', n_workspaces);
end
$$;

-- Files the next run will purge. On hosted Supabase, deleting storage.objects rows in SQL leaves
-- the bytes in the object store; scripts/retention.ts removes these through the Storage API first.
create function private.storage_objects_due(at timestamptz default now()) returns table (bucket_id text, name text)
language sql stable security definer set search_path = ''
as $$
  select o.bucket_id, o.name
    from storage.objects o
    join public.workspace_members m on m.role = 'owner' and (storage.foldername(o.name))[1] = m.workspace_id::text
    join private.account_deletions d on d.user_id = m.user_id and d.purge_after <= at
   where o.bucket_id in ('documents', 'logos')
   order by 1, 2
$$;
comment on function private.storage_objects_due(timestamptz) is 'Documents and logos of accounts due for purge, for removal through the Storage API before run_retention(). Operator only.';

create function private.run_retention(at timestamptz default now()) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  target uuid;
  purged bigint := 0;
  bookkeeping jsonb;
  audit_rows bigint;
  auth_rows bigint;
  events bigint;
  tokens bigint;
  legacy_tokens bigint;
begin
  insert into private.retention_runs (txid) values (pg_catalog.txid_current()) on conflict do nothing;

  for target in select d.user_id from private.account_deletions d where d.purge_after <= at order by d.purge_after loop
    perform private.purge_account(target, at);
    purged := purged + 1;
  end loop;

  bookkeeping := private.delete_expired_bookkeeping(at);

  audit_rows := private.anonymise_audit_log(at - interval '24 months');
  update auth.audit_log_entries e
     set payload = pg_catalog.json_build_object('action', e.payload ->> 'action', 'log_type', e.payload ->> 'log_type',
           'actor_id', '00000000-0000-0000-0000-000000000000', 'actor_username', '', 'traits', pg_catalog.json_build_object()),
         ip_address = ''
   where e.created_at < at - interval '24 months'
     and (e.payload ->> 'actor_id' is distinct from '00000000-0000-0000-0000-000000000000' or e.ip_address <> '');
  get diagnostics auth_rows = row_count;
  delete from private.account_events a where a.occurred_at < at - interval '24 months';
  get diagnostics events = row_count;

  -- auth.one_time_tokens.created_at is a UTC timestamp without time zone, as in GoTrue.
  delete from auth.one_time_tokens o where o.created_at < (at - interval '24 hours') at time zone 'UTC';
  get diagnostics tokens = row_count;
  update auth.users u set recovery_token = '' where u.recovery_token <> '' and u.recovery_sent_at < at - interval '24 hours';
  get diagnostics legacy_tokens = row_count;

  -- Deleting writes audit rows holding the deleted content; the run leaves none behind readable.
  audit_rows := audit_rows + private.anonymise_audit(null, null, true);

  delete from private.retention_runs r where r.txid = pg_catalog.txid_current();
  return pg_catalog.jsonb_build_object('at', at, 'accounts_purged', purged) || bookkeeping
    || pg_catalog.jsonb_build_object('audit_rows_anonymised', audit_rows, 'auth_audit_entries_anonymised', auth_rows,
         'account_events_deleted', events, 'email_tokens_deleted', tokens + legacy_tokens);
end
$$;
comment on function private.run_retention(timestamptz) is 'The retention job (privacy notice): purges expired tombstones, deletes bookkeeping past retention, anonymises logs older than 24 months, removes email-link tokens older than 24 hours. Idempotent; returns counts. Operator only.';

-- Daily at 03:17 where pg_cron exists (hosted Supabase after enabling it); elsewhere the
-- stand-in's timer or the operator's command runs it.
do $$
begin
  if exists (select from pg_catalog.pg_extension where extname = 'pg_cron') then
    execute $cron$ select cron.schedule('konsultverkstad-retention', '17 3 * * *', 'select private.run_retention()') $cron$;
  end if;
end
$$;
