-- Billing the hours again after a full credit (issue 12, item 4). Hours billed by a sent invoice
-- stay locked; once credit notes cover the whole invoice (status credited) its hours may be
-- released, i.e. taken off its lines, and billed on a new invoice. The credited invoice and its
-- lines stay as sent; its history records which entries were released, so the new invoice's
-- page can name the invoice that billed them first.

create or replace function private.time_entries_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'DELETE' and private.in_retention_run() then
    return old;
  end if;
  -- The release: nothing changes but the link to a line of a fully credited invoice.
  if tg_op = 'UPDATE' and new.invoice_line_id is null
     and (pg_catalog.to_jsonb(new) - array['invoice_line_id', 'updated_at']) = (pg_catalog.to_jsonb(old) - array['invoice_line_id', 'updated_at'])
     and exists (select 1 from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
                  where l.id = old.invoice_line_id and i.status = 'credited') then
    return new;
  end if;
  if exists (select 1 from public.invoice_lines l join public.invoices i on i.id = l.invoice_id
             where i.status <> 'draft'
               and l.id in (case when tg_op <> 'INSERT' then old.invoice_line_id end,
                            case when tg_op <> 'DELETE' then new.invoice_line_id end)) then
    raise exception 'time_entries_billed_locked' using errcode = '55000', constraint = 'time_entries_billed_locked',
      table = 'time_entries', detail = 'Hours billed by a sent invoice are locked (until the invoice is fully credited and its hours released).';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;

-- However the release is made, the credited invoice's history lists the entries (one event per
-- invoice and statement).
create function private.time_entries_record_release() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.invoice_events (workspace_id, invoice_id, event, actor_id, details)
    select l.workspace_id, l.invoice_id, 'hours_released', auth.uid(),
           pg_catalog.jsonb_build_object('time_entry_ids', pg_catalog.jsonb_agg(o.id order by o.entry_date, o.id),
             'minutes', sum(o.minutes))
      from old_entries o
      join new_entries n on n.id = o.id
      join public.invoice_lines l on l.id = o.invoice_line_id
     where o.invoice_line_id is not null and n.invoice_line_id is null
     group by l.workspace_id, l.invoice_id;
  return null;
end
$$;
create trigger time_entries_record_release after update on public.time_entries
  referencing old table as old_entries new table as new_entries
  for each statement execute function private.time_entries_record_release();

create function private.release_credited_hours(target uuid) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  released integer;
begin
  inv := private.lock_owned_invoice(target);
  if inv.status <> 'credited' then
    raise exception 'invoice_not_credited' using errcode = '55000',
      detail = 'Hours are released only from an invoice that credit notes cover in full.';
  end if;
  update public.time_entries e set invoice_line_id = null
    where e.invoice_line_id in (select l.id from public.invoice_lines l where l.invoice_id = inv.id);
  get diagnostics released = row_count;
  return released;
end
$$;
revoke execute on function private.release_credited_hours(uuid) from public;
grant execute on function private.release_credited_hours(uuid) to authenticated;

create function public.release_credited_hours(invoice_id uuid) returns integer
language sql volatile security invoker set search_path = ''
as $$ select private.release_credited_hours(invoice_id) $$;
comment on function public.release_credited_hours(uuid) is 'Releases the hours of a fully credited invoice so they can be billed on a new invoice; returns how many entries were released.';
revoke execute on function public.release_credited_hours(uuid) from public, anon;
grant execute on function public.release_credited_hours(uuid) to authenticated;
