-- Retention through the Storage API (issue 14 item 2). Hosted Supabase refuses direct deletes
-- from storage.objects and storage.buckets (a statement trigger: "Direct deletion from storage
-- tables is not allowed. Use the Storage API instead."), so private.run_retention() and the
-- account purge failed on every run, and deleting rows would have left the bytes in the object
-- store anyway. Now the SQL part never deletes from storage.*: it deletes the database rows it
-- owns and queues the files that are due in private.storage_removals; the retention job
-- (lib/jobs/retention.ts) removes them through the Storage API as the service role and then
-- takes them off the queue. The pg_cron job (select private.run_retention()) therefore deletes
-- nothing in storage either; files it queues wait for the job runner.
--
-- The invoice archive stays insert-only for every role, with one exception: the Storage API may
-- remove an archived PDF that retention has queued (its invoice is already deleted).

create table private.storage_removals (
  bucket_id text not null,
  name text not null,
  queued_at timestamptz not null default pg_catalog.now(),
  primary key (bucket_id, name)
);
alter table private.storage_removals enable row level security;
comment on table private.storage_removals is 'Files retention has made due (purged accounts'' documents and logos, archived PDFs past their 7 years), waiting for the retention job to remove them through the Storage API.';

-- The Storage API deletes as the service role; it may see whether a file is queued, nothing more.
create function private.storage_removal_queued(bucket text, object_name text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select from private.storage_removals r where r.bucket_id = bucket and r.name = object_name)
$$;
comment on function private.storage_removal_queued(text, text) is 'Whether retention queued this file for removal through the Storage API (the invoice archive lets only those go).';
revoke all on function private.storage_removal_queued(text, text) from public;
grant usage on schema private to service_role;
grant execute on function private.storage_removal_queued(text, text) to service_role;

-- The files the retention job removed through the Storage API leave the queue.
create function private.storage_removals_done(bucket text, names text[]) returns integer
language sql security definer set search_path = ''
as $$
  with gone as (
    delete from private.storage_removals r where r.bucket_id = bucket and r.name = any (names) returning 1
  )
  select count(*)::int from gone
$$;
comment on function private.storage_removals_done(text, text[]) is 'Takes files the retention job removed through the Storage API off the queue. Operator only.';
revoke all on function private.storage_removals_done(text, text[]) from public;

create or replace function private.invoice_archive_insert_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  -- Nested so roles without schema private (anon, authenticated's writes) never reach the check.
  if tg_op = 'DELETE' and old.bucket_id = 'invoice-archive' and current_user = 'service_role' then
    if private.storage_removal_queued(old.bucket_id, old.name) then
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

-- Before the purge, the file list came from here; the queue replaces it.
drop function private.storage_objects_due(timestamptz);

create or replace function private.purge_account(target uuid, at timestamptz) returns void
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
    insert into private.storage_removals (bucket_id, name, queued_at)
      select o.bucket_id, o.name, at from storage.objects o
       where o.bucket_id in ('documents', 'logos') and (storage.foldername(o.name))[1] = ws::text
      on conflict do nothing;
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

create or replace function private.delete_expired_bookkeeping(at timestamptz) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  expired uuid[];
  n_invoices bigint;
  n_entries bigint;
  n_files bigint;
  n_workspaces bigint;
begin
  with dated as (
    select i.id, i.workspace_id, coalesce(i.credits_invoice_id, i.id) as original,
           private.retention_end(private.stockholm_today(i.sent_at),
             coalesce(b.fiscal_year_start_month, p.fiscal_year_start_month, 1)::int) as keep_until
      from public.invoices i
      left join public.business_profiles b on b.workspace_id = i.workspace_id
      left join private.purged_workspaces p on p.workspace_id = i.workspace_id
     where i.status <> 'draft'
  ), groups as (
    -- sent_at is never null once sent (invoices_sent_complete); a null would keep the group.
    select original from dated group by original having bool_and(keep_until < private.stockholm_today(at))
  )
  select coalesce(array_agg(d.id), '{}') into expired from dated d where d.original in (select original from groups);

  delete from public.time_entries e
   using public.invoice_lines l
   where l.id = e.invoice_line_id and l.invoice_id = any (expired);
  get diagnostics n_entries = row_count;
  insert into private.storage_removals (bucket_id, name, queued_at)
    select o.bucket_id, o.name, at from storage.objects o join public.invoices i on o.name = i.pdf_path
     where i.id = any (expired) and o.bucket_id = 'invoice-archive'
    on conflict do nothing;
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
    insert into private.storage_removals (bucket_id, name, queued_at)
      select o.bucket_id, o.name, at from storage.objects o where o.bucket_id = 'invoice-archive'
         and (storage.foldername(o.name))[1] in (select f.workspace_id::text from forgotten f)
      on conflict do nothing
    returning 1
  )
  select (select count(*) from forgotten), n_files + (select count(*) from archive) into n_workspaces, n_files;

  return pg_catalog.jsonb_build_object('invoices_deleted', n_invoices, 'billed_time_entries_deleted', n_entries,
    'archived_pdfs_deleted', n_files, 'purged_workspaces_removed', n_workspaces);
end
$$;
