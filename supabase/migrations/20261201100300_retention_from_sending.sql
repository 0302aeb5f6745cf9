-- Retention counts from when a record was made, never from a date a user typed (BFL 7:2, and
-- issue 12: a draft dated 2015-06-01 was sent and the next run deleted it with its hours and PDF).
-- A sent invoice or credit note belongs to the fiscal year of the Stockholm day it was sent
-- (sent_at); its 7 years end with the 7th calendar year after that fiscal year ends. An invoice
-- and its credit notes still go together, once every one of them has expired.

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
comment on function private.delete_expired_bookkeeping(timestamptz) is 'Deletes sent invoices (with credit notes, lines, events, billed hours, archived PDFs) whose retention, counted from the fiscal year of sending (sent_at, Stockholm), ended before at.';

comment on function private.retention_end(date, integer) is 'Last day a bookkeeping record made (sent) on day d is kept: end of the 7th year after the end of its fiscal year (BFL 7:2). Callers pass the day of sending, never a typed date.';
