-- Storage buckets and their policies on storage.objects. Object names start with the workspace
-- id: `{workspace_id}/...`.
--   documents        files attached to mind-map nodes: owner only (accountants never see them)
--   logos            the business logo printed on invoices: owner only, small images
--   invoice-archive  the PDFs as sent (Bokföringslagen): insert-only; the owner inserts, owner
--                    and accountant read, nobody updates or deletes (trigger, all roles)

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('documents', 'documents', false, 26214400, array['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/gif',
    'text/plain', 'text/markdown', 'text/csv',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet']),
  ('logos', 'logos', false, 1048576, array['image/png', 'image/jpeg', 'image/webp']),
  ('invoice-archive', 'invoice-archive', false, 10485760, array['application/pdf'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

-- The first folder of an object name, compared as text so a malformed name never errors.
create policy objects_select on storage.objects for select to authenticated
  using ((bucket_id in ('documents', 'logos')
          and (storage.foldername(name))[1] in (select w::text from private.my_owned_workspaces() w))
      or (bucket_id = 'invoice-archive'
          and (storage.foldername(name))[1] in (select w::text from private.my_workspaces() w)));
create policy objects_insert on storage.objects for insert to authenticated
  with check (bucket_id in ('documents', 'logos', 'invoice-archive')
              and (storage.foldername(name))[1] in (select w::text from private.my_owned_workspaces() w));
create policy objects_update on storage.objects for update to authenticated
  using (bucket_id in ('documents', 'logos')
         and (storage.foldername(name))[1] in (select w::text from private.my_owned_workspaces() w))
  with check (bucket_id in ('documents', 'logos')
              and (storage.foldername(name))[1] in (select w::text from private.my_owned_workspaces() w));
create policy objects_delete on storage.objects for delete to authenticated
  using (bucket_id in ('documents', 'logos')
         and (storage.foldername(name))[1] in (select w::text from private.my_owned_workspaces() w));

-- Insert-only archive for every role (service_role bypasses RLS, the trigger it does not).
create function private.invoice_archive_insert_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.bucket_id = 'invoice-archive' or (tg_op = 'UPDATE' and new.bucket_id = 'invoice-archive') then
    raise exception 'invoice_archive_insert_only' using errcode = '55000',
      detail = 'Archived invoice PDFs are kept as sent: never replaced or deleted.';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
create trigger invoice_archive_insert_only before update or delete on storage.objects
  for each row execute function private.invoice_archive_insert_only();
