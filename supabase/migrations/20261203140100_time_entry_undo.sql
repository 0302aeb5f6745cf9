-- Deleting a time entry can be undone (issue 17: the list deleted with no confirmation or undo).
-- When the owner deletes an entry, the row as it was is kept for an hour in a private table, with
-- the draft invoice line it was billed on (which goes when its last entry goes). restore_time_entry()
-- puts back exactly that row (same id, minutes, rate, dates, created_at), on its draft line again
-- when that draft is still a draft, re-creating the line as it was if it went with the entry.
-- Hours on a sent invoice are never deleted (time_entries_guard), so never restored onto one;
-- when the draft was sent or deleted meanwhile, the entry comes back unbilled.
-- Only deletions by the API roles are kept: cascades from a deleted node or workspace, retention
-- and owner-run functions delete for good (their rows would otherwise outlive what deleted them).

create table private.deleted_time_entries (
  id uuid primary key,
  workspace_id uuid not null,
  node_id uuid not null,
  deleted_by uuid not null,
  deleted_at timestamptz not null default pg_catalog.now(),
  entry jsonb not null,
  line jsonb,
  constraint deleted_time_entries_node_same_workspace foreign key (workspace_id, node_id)
    references public.nodes (workspace_id, id) on delete cascade
);
alter table private.deleted_time_entries enable row level security;
create index deleted_time_entries_workspace_id_deleted_at_idx on private.deleted_time_entries (workspace_id, deleted_at);
create index deleted_time_entries_workspace_id_node_id_idx on private.deleted_time_entries (workspace_id, node_id);
comment on table private.deleted_time_entries is 'Time entries their owner deleted in the last hour, as they were, so the deletion can be undone (restore_time_entry). No API role reads or writes it; rows older than an hour are removed at the workspace''s next deletion.';
comment on column private.deleted_time_entries.id is 'The deleted entry''s id (it comes back under the same id).';
comment on column private.deleted_time_entries.entry is 'The deleted public.time_entries row as jsonb.';
comment on column private.deleted_time_entries.line is 'The draft invoice line the entry was billed on, as jsonb, when it had one.';

-- Invoker for current_user (the writer); the private table is written through a definer helper.
create function private.time_entries_keep_deleted() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated', 'service_role') and auth.uid() is not null then
    perform private.keep_deleted_time_entry(pg_catalog.to_jsonb(old), auth.uid());
  end if;
  return old;
end
$$;
revoke execute on function private.time_entries_keep_deleted() from public;

create function private.keep_deleted_time_entry(entry jsonb, actor uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid := (entry ->> 'workspace_id')::uuid;
  line_row jsonb;
begin
  -- Only a row that is there, in a workspace the caller owns (the trigger passes the row being
  -- deleted). A cascade from a deleted node has removed the node first: nothing to come back to.
  if ws not in (select private.my_owned_workspaces())
     or not exists (select 1 from public.time_entries e where e.id = (entry ->> 'id')::uuid and pg_catalog.to_jsonb(e) = entry)
     or not exists (select 1 from public.nodes n where n.id = (entry ->> 'node_id')::uuid) then
    return;
  end if;
  select pg_catalog.to_jsonb(l) into line_row
    from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
   where l.id = (entry ->> 'invoice_line_id')::uuid and i.status = 'draft';
  delete from private.deleted_time_entries d where d.workspace_id = ws and d.deleted_at < pg_catalog.now() - interval '1 hour';
  insert into private.deleted_time_entries (id, workspace_id, node_id, deleted_by, entry, line)
    values ((entry ->> 'id')::uuid, ws, (entry ->> 'node_id')::uuid, actor, entry, line_row)
    on conflict (id) do update set deleted_by = excluded.deleted_by, deleted_at = excluded.deleted_at,
      entry = excluded.entry, line = excluded.line, node_id = excluded.node_id, workspace_id = excluded.workspace_id;
end
$$;
revoke execute on function private.keep_deleted_time_entry(jsonb, uuid) from public;
grant execute on function private.keep_deleted_time_entry(jsonb, uuid) to authenticated, service_role;

-- Before the delete: the draft line still exists then (sync_line_to_hours removes an emptied one
-- after). A refused delete (a sent invoice's hours) rolls this back with it.
create trigger time_entries_keep_deleted before delete on public.time_entries
  for each row execute function private.time_entries_keep_deleted();

create function private.restore_time_entry(target uuid) returns public.time_entries
language plpgsql security definer set search_path = ''
as $$
declare
  kept private.deleted_time_entries;
  restored public.time_entries;
  line_id uuid;
begin
  select d.* into kept from private.deleted_time_entries d
   where d.id = target and d.deleted_by = auth.uid() and d.deleted_at >= pg_catalog.now() - interval '1 hour'
     and d.workspace_id in (select private.my_owned_workspaces())
   for update;
  if kept.id is null then
    raise exception 'time_entry_not_restorable' using errcode = 'P0002',
      detail = 'Only your own deletions of the last hour can be undone.';
  end if;
  line_id := (kept.entry ->> 'invoice_line_id')::uuid;
  if line_id is not null and not exists (select 1 from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
                                          where l.id = line_id and i.status = 'draft') then
    if kept.line is not null and not exists (select 1 from public.invoice_lines l where l.id = line_id)
       and exists (select 1 from public.invoices i where i.id = (kept.line ->> 'invoice_id')::uuid and i.status = 'draft') then
      insert into public.invoice_lines (id, workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate,
                                        credits_line_id, created_at, line_kind, vat_exemption_reason)
      select l.id, l.workspace_id, l.invoice_id, l.position, l.description, l.quantity, l.unit, l.unit_price_ore, l.vat_rate,
             l.credits_line_id, l.created_at, l.line_kind, l.vat_exemption_reason
        from pg_catalog.jsonb_populate_record(null::public.invoice_lines, kept.line) l;
    else
      line_id := null;
    end if;
  end if;
  insert into public.time_entries
    select (pg_catalog.jsonb_populate_record(null::public.time_entries,
              kept.entry || pg_catalog.jsonb_build_object('id', kept.id, 'workspace_id', kept.workspace_id, 'node_id', kept.node_id,
                                                          'invoice_line_id', line_id))).*
    returning * into restored;
  delete from private.deleted_time_entries d where d.id = target;
  return restored;
end
$$;
revoke execute on function private.restore_time_entry(uuid) from public;
grant execute on function private.restore_time_entry(uuid) to authenticated;

create function public.restore_time_entry(entry_id uuid) returns public.time_entries
language sql volatile security invoker set search_path = ''
as $$ select private.restore_time_entry(entry_id) $$;
comment on function public.restore_time_entry(uuid) is 'Undoes the caller''s deletion of a time entry within the hour: the row comes back exactly as it was (on its draft invoice line while that is a draft). Refused (time_entry_not_restorable) otherwise.';
revoke execute on function public.restore_time_entry(uuid) from public;
grant execute on function public.restore_time_entry(uuid) to authenticated;
