-- Bokföringslagen: a sent invoice is a verifikation. These triggers (not grants, so they hold
-- for every role, table owner and service_role included) refuse any change to a non-draft
-- invoice except sent -> paid, -> credited and the one-time PDF record, any change to its lines,
-- and any change to the time entries it bills.

create function private.invoices_guard() returns trigger
language plpgsql set search_path = ''
as $$
declare
  -- Columns only the invoicing functions (security definer, so not an API role) may change.
  managed constant text[] := array['status', 'number', 'series', 'seller_snapshot', 'buyer_snapshot', 'vat_summary',
    'net_ore', 'vat_ore', 'total_ore', 'ocr_reference', 'pdf_path', 'pdf_sha256', 'paid_on', 'sent_at', 'kind',
    'credits_invoice_id'];
  api_role boolean := current_user in ('anon', 'authenticated', 'service_role');
  o jsonb;
  n jsonb;
begin
  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      raise exception 'invoice_immutable' using errcode = '55000', constraint = 'invoices_immutable', table = 'invoices',
        detail = 'A sent invoice is never deleted; credit it with a credit note.';
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

  -- Not a draft: only the listed transitions, and only through the invoicing functions.
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
create trigger invoices_guard before update or delete on public.invoices
  for each row execute function private.invoices_guard();

-- Definer so the lookup sees the invoice whatever the caller's RLS shows.
create function private.invoice_lines_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from public.invoices i
             where i.status <> 'draft'
               and i.id in (case when tg_op <> 'INSERT' then old.invoice_id end, case when tg_op <> 'DELETE' then new.invoice_id end)) then
    raise exception 'invoice_lines_immutable' using errcode = '55000', constraint = 'invoice_lines_immutable',
      table = 'invoice_lines', detail = 'Lines of a sent invoice never change.';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
create trigger invoice_lines_guard before insert or update or delete on public.invoice_lines
  for each row execute function private.invoice_lines_guard();

create function private.time_entries_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
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
create trigger time_entries_guard before insert or update or delete on public.time_entries
  for each row execute function private.time_entries_guard();
