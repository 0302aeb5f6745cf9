-- Billing hours onto a draft invoice in one statement: the chosen unbilled entries of the
-- invoice's client become lines (one per project/task and hourly rate, or one per entry) and
-- point at the line that bills them. A rule that protects data (an hour is billed once, only to
-- its own client, only on a draft), so it lives here and not in the app.

-- The client a node belongs to: itself, or the nearest client ancestor.
create function private.client_of_node(node uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
  with recursive up as (
    select n.id, n.parent_id, n.kind from public.nodes n where n.id = node
    union all
    select n.id, n.parent_id, n.kind from up join public.nodes n on n.id = up.parent_id where up.kind <> 'client'
  )
  select up.id from up where up.kind = 'client' limit 1
$$;

-- "Projekt › Uppgift": the titles below the client, or the client's title for hours on the client.
create function private.node_path(node uuid) returns text
language sql stable security definer set search_path = ''
as $$
  with recursive up as (
    select n.id, n.parent_id, n.kind, n.title, 0 as depth from public.nodes n where n.id = node
    union all
    select n.id, n.parent_id, n.kind, n.title, up.depth + 1 from up join public.nodes n on n.id = up.parent_id
     where up.kind <> 'client'
  )
  select coalesce(pg_catalog.string_agg(nullif(up.title, ''), ' › ' order by up.depth desc) filter (where up.kind <> 'client'),
                  max(up.title) filter (where up.kind = 'client'))
    from up
$$;

create function private.bill_time_entries(target uuid, entry_ids uuid[], per_entry boolean) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  inv public.invoices;
  wanted integer := coalesce(pg_catalog.cardinality(entry_ids), 0);
  found_count integer;
  next_position integer;
  added integer := 0;
  grp record;
  line_id uuid;
  first_day date;
  last_day date;
begin
  inv := private.lock_owned_invoice(target);
  if inv.status <> 'draft' then
    raise exception 'invoice_not_draft' using errcode = '55000';
  end if;
  if wanted = 0 then return 0; end if;

  -- Locked first, so a parallel billing of the same hours waits and then finds them billed.
  perform 1 from public.time_entries e where e.id = any (entry_ids) for update;
  select count(*), min(e.entry_date), max(e.entry_date) into found_count, first_day, last_day
    from public.time_entries e
   where e.id = any (entry_ids) and e.workspace_id = inv.workspace_id and e.invoice_line_id is null and e.billable
     and private.client_of_node(e.node_id) = inv.client_node_id;
  if found_count <> (select count(distinct x) from pg_catalog.unnest(entry_ids) x) then
    raise exception 'time_entry_not_billable' using errcode = '23514',
      detail = 'Every entry must be an unbilled, billable entry of the invoice''s client in this workspace.';
  end if;

  select coalesce(max(l.position), 0) + 1 into next_position from public.invoice_lines l where l.invoice_id = inv.id;
  -- Quantity in hours to two decimals (the line's amount is that quantity × the hourly rate).
  for grp in
    select pg_catalog.array_agg(b.id) as ids,
           case when per_entry then min(b.path) || ', ' || pg_catalog.to_char(min(b.entry_date), 'YYYY-MM-DD')
                  || coalesce(': ' || nullif(min(b.description), ''), '')
                else min(b.path) end as description,
           round(sum(b.minutes) / 60.0, 2) as hours, b.hourly_rate_ore as rate
      from (select e.*, private.node_path(e.node_id) as path from public.time_entries e where e.id = any (entry_ids)) b
     group by b.node_id, b.hourly_rate_ore, case when per_entry then b.id end
     order by min(b.path), b.hourly_rate_ore, min(b.entry_date)
  loop
    insert into public.invoice_lines (workspace_id, invoice_id, position, description, quantity, unit, unit_price_ore, vat_rate)
      values (inv.workspace_id, inv.id, next_position, left(grp.description, 500), greatest(grp.hours, 0.01), 'h', grp.rate,
              case when inv.reverse_charge then 0 else 25 end)
      returning id into line_id;
    update public.time_entries e set invoice_line_id = line_id where e.id = any (grp.ids);
    next_position := next_position + 1;
    added := added + 1;
  end loop;

  -- The supply period follows the billed hours unless the owner set one.
  update public.invoices i set
      period_start = least(i.period_start, first_day), period_end = greatest(i.period_end, last_day)
    where i.id = inv.id;
  return added;
end
$$;

grant execute on function private.bill_time_entries(uuid, uuid[], boolean) to authenticated;

create function public.bill_time_entries(invoice_id uuid, entry_ids uuid[], per_entry boolean default false) returns integer
language sql volatile security invoker set search_path = ''
as $$ select private.bill_time_entries(invoice_id, entry_ids, per_entry) $$;
comment on function public.bill_time_entries(uuid, uuid[], boolean) is 'Bills unbilled entries of the draft''s client: one line per node and hourly rate (or per entry), quantity in hours to two decimals; widens the supply period to the entries'' dates. Refuses (time_entry_not_billable) when any entry is billed, not billable, of another client or not visible.';
grant execute on function public.bill_time_entries(uuid, uuid[], boolean) to authenticated;
