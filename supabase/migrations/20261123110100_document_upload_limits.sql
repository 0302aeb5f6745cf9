-- The documents bucket's size and type limits, readable by its users so the app can explain a
-- refusal before a byte is sent ("the file is 31 MB; the limit is 25 MB"). storage.buckets has
-- RLS and no policy for API roles; a definer function returns this one bucket's limits only.

create function private.document_upload_limits()
returns table (file_size_limit bigint, allowed_mime_types text[])
language sql stable security definer set search_path = ''
as $$
  select b.file_size_limit::bigint, b.allowed_mime_types from storage.buckets b where b.id = 'documents'
$$;
revoke execute on function private.document_upload_limits() from public;
grant execute on function private.document_upload_limits() to authenticated;

create function public.document_upload_limits()
returns table (file_size_limit bigint, allowed_mime_types text[])
language sql stable security invoker set search_path = ''
as $$
  select * from private.document_upload_limits()
$$;
revoke execute on function public.document_upload_limits() from public, anon;
grant execute on function public.document_upload_limits() to authenticated;
comment on function public.document_upload_limits() is 'Size limit (bytes, null: none) and allowed MIME types of the documents bucket, for explaining refused uploads.';

-- A node's activity panel reads its audit rows by row id within the workspace.
create index audit_log_workspace_id_row_id_idx on public.audit_log (workspace_id, row_id);
