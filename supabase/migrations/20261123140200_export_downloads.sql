-- Every download of invoice data (one archived PDF, the ZIP of a period, the SIE file, the CSV
-- register) leaves a row here, and through its audit trigger a row in the audit log, so the
-- owner sees who took what (issue 6). Rows are written only by log_download(), by any member of
-- the workspace (an accountant included: recording a read is not changing the books).

create table public.export_downloads (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid not null,
  kind text not null constraint export_downloads_kind_valid check (kind in ('invoice_pdf', 'zip', 'sie', 'csv')),
  details jsonb not null default '{}',
  created_at timestamptz not null default now()
);
comment on table public.export_downloads is 'Who downloaded which export when. Owner reads; written by log_download() only; append-only.';
comment on column public.export_downloads.user_id is 'auth.uid() of the downloader (no foreign key: history outlives accounts).';
comment on column public.export_downloads.details is 'What was downloaded: invoice id, or the filters and the number of invoices.';
create index export_downloads_workspace_id_created_at_idx on public.export_downloads (workspace_id, created_at desc);

alter table public.export_downloads enable row level security;
create policy export_downloads_select on public.export_downloads for select to authenticated
  using (workspace_id in (select private.my_owned_workspaces()));

create trigger export_downloads_audit after insert or update or delete on public.export_downloads
  for each row execute function private.audit_row('id');

create function private.log_download(workspace uuid, kind text, details jsonb) returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  new_id uuid;
begin
  if workspace is null or workspace not in (select private.my_workspaces()) then
    raise exception 'not_workspace_member' using errcode = '42501';
  end if;
  insert into public.export_downloads (workspace_id, user_id, kind, details)
    values (workspace, auth.uid(), kind, coalesce(details, '{}'))
    returning id into new_id;
  return new_id;
end
$$;
grant execute on function private.log_download(uuid, text, jsonb) to authenticated;

create function public.log_download(workspace_id uuid, kind text, details jsonb default '{}') returns uuid
language sql volatile security invoker set search_path = ''
as $$ select private.log_download(workspace_id, kind, details) $$;
comment on function public.log_download(uuid, text, jsonb) is 'Records a download by the signed-in member of the workspace (export_downloads, audited).';
grant execute on function public.log_download(uuid, text, jsonb) to authenticated;
